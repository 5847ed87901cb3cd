import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { parse } from "yaml";
import { baseAlertView, incidentView } from "../../support/fake-incidents/opsgenie.ts";
import { pdIncidentView } from "../../support/fake-incidents/pagerduty.ts";
import { opsAccount } from "./ops-scenario.ts";

// The fakes must serve the real APIs' shapes, or the collectors' tests prove nothing:
// every field the fake Opsgenie serves is one opsgenie-oas defines, with its type, and
// the fake PagerDuty's incidents have exactly the documented example's fields.

type Definition = {
  properties?: Record<string, { type?: string; $ref?: string }>;
  allOf?: Definition[];
};

const definitions = (file: string): Record<string, Definition> =>
  parse(readFileSync(new URL(`../../fixtures/opsgenie/${file}`, import.meta.url), "utf8"));
const alerts = definitions("alert-definitions.yaml");
const incidents = definitions("incident-definitions.yaml");

/** Properties of a definition, following allOf and the $refs within these files. */
function properties(
  def: Definition | undefined,
  all: Record<string, Definition>,
): Map<string, string> {
  const out = new Map<string, string>();
  for (const [name, p] of Object.entries(def?.properties ?? {}))
    out.set(name, p.type ?? p.$ref ?? "");
  for (const part of def?.allOf ?? []) {
    const ref = (part as { $ref?: string }).$ref?.split("/").pop();
    for (const [k, v] of properties(ref ? all[ref] : part, all)) out.set(k, v);
  }
  return out;
}

function typeOf(value: unknown): string {
  if (Array.isArray(value)) return "array";
  if (Number.isInteger(value)) return "integer";
  return typeof value;
}

function conforms(view: Record<string, unknown>, declared: Map<string, string>): string[] {
  return Object.entries(view).flatMap(([field, value]) => {
    const type = declared.get(field);
    if (type === undefined) return [`${field}: not defined`];
    if (type.startsWith("#/")) return [];
    return typeOf(value) === type ? [] : [`${field}: ${typeOf(value)}, defined ${type}`];
  });
}

describe("fake Opsgenie", () => {
  const account = opsAccount("incident");

  test("alerts are opsgenie-oas BaseAlert objects", () => {
    const declared = properties(alerts.BaseAlert, alerts);
    for (const alert of account.alerts)
      expect(conforms(baseAlertView(alert), declared)).toEqual([]);
  });

  test("an alert's report is an AlertReport", () => {
    const declared = properties(alerts.AlertReport, alerts);
    const closed = account.alerts.find((a) => a.status === "closed");
    expect(closed && conforms(baseAlertView(closed).report, declared)).toEqual([]);
  });

  test("incidents are opsgenie-oas BaseIncident objects", () => {
    const declared = properties(incidents.BaseIncident, incidents);
    for (const incident of account.incidents)
      expect(conforms(incidentView(incident), declared)).toEqual([]);
  });
});

test("fake PagerDuty incidents have the documented example's fields", () => {
  const example = JSON.parse(
    readFileSync(new URL("../../fixtures/pagerduty/incidents.json", import.meta.url), "utf8"),
  ).example.incidents[0];
  const view = pdIncidentView({
    id: "P1",
    number: 1,
    title: "t",
    status: "triggered",
    urgency: "low",
    createdAt: "2026-06-01T00:00:00Z",
    service: { id: "S", name: "s" },
  });
  expect(Object.keys(view).sort()).toEqual(Object.keys(example).sort());
});
