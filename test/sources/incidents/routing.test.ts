import { describe, expect, test } from "vitest";
import { parseConfig } from "../../../src/sources/config-file.ts";
import type { IncidentCandidate, RoutingKeys } from "../../../src/sources/incidents/candidate.ts";
import { incidentCatalogue } from "../../../src/sources/incidents/selectors.ts";
import { priorityFromLabels, severityOf } from "../../../src/sources/incidents/severity.ts";
import { toIncident } from "../../../src/sources/incidents/to-incident.ts";

// Which service an incident belongs to (the services' `incidents` selectors), and how
// its references and priority become the stored Incident.

const config = parseConfig({
  version: "kpi-exporter/v1",
  teams: [
    {
      name: "web",
      services: [
        {
          name: "storefront",
          repositories: ["Acme/Mono"],
          github: { paths: ["web/"] },
          incidents: { tags: ["web"] },
        },
        {
          name: "api",
          repositories: ["Acme/Mono"],
          github: { paths: ["api/"] },
          incidents: { tags: ["API"], opsgenie_teams: ["Core"] },
        },
        {
          name: "billing",
          incidents: { pagerduty_services: ["PBILL01"], priorities: ["P1", "high"] },
        },
      ],
    },
  ],
});
const catalogue = incidentCatalogue(config);
const keys = (k: Partial<RoutingKeys>): RoutingKeys => ({
  tags: [],
  teams: [],
  pagerdutyServices: [],
  ...k,
});

describe("routing", () => {
  test("any one selector is enough, compared case-insensitively", () => {
    expect(catalogue.route(keys({ tags: ["api"] }))).toEqual({ service: "api" });
    expect(catalogue.route(keys({ teams: ["core"] }))).toEqual({ service: "api" });
    expect(catalogue.route(keys({ pagerdutyServices: ["PBILL01"] }), "P1")).toEqual({
      service: "billing",
    });
  });

  test("more kinds matched win; a tie goes to the first service in the catalogue", () => {
    // Both own acme/mono; only api also carries the label.
    expect(catalogue.route(keys({ repository: "acme/mono", tags: ["api"] }))).toEqual({
      service: "api",
    });
    expect(catalogue.route(keys({ repository: "acme/mono" }))).toEqual({ service: "storefront" });
  });

  test("priorities admit by priority or by PagerDuty urgency; otherwise it is below them", () => {
    const billing = keys({ pagerdutyServices: ["PBILL01"] });
    expect(catalogue.route(billing, undefined, "high")).toEqual({ service: "billing" });
    expect(catalogue.route(billing, "P3", "low")).toEqual({ belowPriority: true });
    expect(catalogue.route(billing)).toEqual({ belowPriority: true });
    expect(catalogue.route(keys({ tags: ["search"] }))).toEqual({ unmatched: true });
  });
});

describe("the stored incident", () => {
  const candidate = (over: Partial<IncidentCandidate>): IncidentCandidate => ({
    id: "x:1",
    title: "t",
    startedAt: 1,
    resolved: false,
    routing: keys({}),
    references: { fields: {}, tags: [], texts: [] },
    ...over,
  });

  test("repository references take the catalogue's spelling and, in a shared repository, @service", () => {
    const incident = toIncident(
      candidate({
        references: {
          fields: {
            pr: "https://github.com/acme/mono/pull/5",
            deployment: "https://github.com/acme/mono/actions/runs/9",
          },
          tags: [],
          texts: [],
        },
      }),
      "api",
      {},
      catalogue,
    );
    expect(incident.changeId).toBe("Acme/Mono#5@api");
    expect(incident.deploymentId).toBe("Acme/Mono/actions/runs/9@api");
  });

  test("a resolved incident without its time takes the one its details give", () => {
    const resolved = candidate({ resolved: true, priority: "P2" });
    expect(toIncident(resolved, "billing", { resolvedAt: 5 }, catalogue)).toMatchObject({
      resolvedAt: 5,
      severity: "high",
    });
    expect(
      toIncident(candidate({}), "billing", { resolvedAt: 5 }, catalogue).resolvedAt,
    ).toBeUndefined();
  });
});

test("severity from priority, else urgency; priority from labels", () => {
  expect(["P1", "p2", "P3", "P4", "P5"].map((p) => severityOf(p))).toEqual([
    "critical",
    "high",
    "medium",
    "low",
    "low",
  ]);
  expect(severityOf(undefined, "low")).toBe("low");
  expect(severityOf("Critical", "high")).toBe("high");
  expect(priorityFromLabels(["incident", "priority: P2"])).toBe("P2");
  expect(priorityFromLabels(["sev-1"])).toBe("P1");
  expect(priorityFromLabels(["p10", "api"])).toBeUndefined();
});
