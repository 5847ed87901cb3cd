import { describe, expect, test } from "vitest";
import { type AlertsApi, alertCandidate } from "../../../src/sources/incidents/opsgenie/alerts.ts";
import { toOpsAlert } from "../../../src/sources/incidents/opsgenie/client.ts";
import { incidentsUnit } from "../../../src/sources/incidents/opsgenie/incidents.ts";
import {
  type BaseIncident,
  baseAlert,
  baseIncident,
} from "../../../src/sources/incidents/opsgenie/types.ts";

// Opsgenie payloads to candidates, with literal objects as opsgenie-oas defines them.

const at = Date.parse;
const noApi = {} as AlertsApi;

describe("Opsgenie alerts", () => {
  const payload = {
    id: "70413a06",
    message: "Checkout 5xx",
    status: "closed",
    tags: ["checkout"],
    createdAt: "2026-06-01T12:00:00.000Z",
    updatedAt: "2026-06-01T14:00:00.000Z",
    priority: "P1",
    responders: [
      { type: "team", id: "t-1" },
      { type: "user", id: "u-1" },
    ],
    report: { ackTime: 60_000, closeTime: 3_600_000 },
  };

  test("closed at createdAt + report.closeTime (ms), not at its last update", () => {
    const candidate = alertCandidate(
      toOpsAlert(baseAlert.parse(payload)),
      noApi,
      new Map([["t-1", "core"]]),
    );
    expect(candidate).toMatchObject({
      id: "opsgenie:alert:70413a06",
      startedAt: at("2026-06-01T12:00:00Z"),
      resolvedAt: at("2026-06-01T13:00:00Z"),
      priority: "P1",
      routing: { tags: ["checkout"], teams: ["t-1", "core"] },
    });
  });

  test("closed without a report: its last update; open: unresolved", () => {
    const noReport = alertCandidate(
      toOpsAlert(baseAlert.parse({ ...payload, report: {} })),
      noApi,
      new Map(),
    );
    expect(noReport.resolvedAt).toBe(at("2026-06-01T14:00:00Z"));
    const open = alertCandidate(
      toOpsAlert(baseAlert.parse({ ...payload, status: "open" })),
      noApi,
      new Map(),
    );
    expect(open.resolvedAt).toBeUndefined();
  });

  test("a malformed instant is refused with its field", () => {
    const parsed = baseAlert.safeParse({ ...payload, createdAt: "yesterday" });
    expect(parsed.error?.issues[0]).toMatchObject({
      path: ["createdAt"],
      message: "expected an ISO-8601 time with offset",
    });
  });
});

test("an Opsgenie incident resolves at the first update read resolved, not at a later note", async () => {
  const incident = (updatedAt: string): BaseIncident =>
    baseIncident.parse({
      id: "i-1",
      status: "resolved",
      tags: [],
      createdAt: "2026-06-15T11:00:00Z",
      updatedAt,
    });
  let served: BaseIncident[] = [];
  const client = {
    teamNames: async () => new Map(),
    async *incidentPages() {
      yield served;
    },
  } as never;
  const unit = incidentsUnit(client, "opsgenie:incidents");
  const window = { historyStart: 0, now: at("2026-06-30T00:00:00Z") };
  served = [incident("2026-06-15T12:00:00Z")];
  const first = await unit.sync(undefined, window);
  served = [incident("2026-06-20T09:00:00Z")];
  const second = await unit.sync(first.cursor, window);
  expect(second.candidates[0]?.resolvedAt).toBe(at("2026-06-15T12:00:00Z"));
});
