// Config, snapshot and exact-label sample finders for the hand-computed KPI engine tests.
// Metric names are written as in the contract, not imported from the code base, so a
// wrong constant there is caught too.
import { expect } from "vitest";
import { type EngineConfig, toEngineConfig } from "../../src/config/engine-config.ts";
import type { RecordSet } from "../../src/domain/records.ts";
import { computeSnapshot } from "../../src/engine/snapshot.ts";
import type { KpiSnapshot, Sample } from "../../src/engine/snapshot-types.ts";
import { parseConfig } from "../../src/sources/config-file.ts";
import { ms, records } from "./builders.ts";

export * from "./builders.ts";

export type Labels = Record<string, string>;
export const HOUR = 3_600; // seconds
export const DAY = 86_400; // seconds
/** Evaluation instant of every test: 7d = (06-23, 06-30], 30d = (05-31, 06-30], 90d = (04-01, 06-30]. */
export const AS_OF = "2026-06-30T00:00:00Z";

/** Catalogue payments = {checkout, billing}, platform = {gateway}; `extra` adds or replaces keys. */
export function config(extra: Record<string, unknown> = {}): EngineConfig {
  const teams = [
    { name: "payments", services: [{ name: "checkout" }, { name: "billing" }] },
    { name: "platform", services: [{ name: "gateway" }] },
  ];
  return toEngineConfig(parseConfig({ version: "kpi-exporter/v1", teams, ...extra }));
}

export const snapshot = (
  r: Partial<RecordSet>,
  extra: Record<string, unknown> = {},
  asOf = AS_OF,
): KpiSnapshot => computeSnapshot(records(r), config(extra), ms(asOf));

/** Scope label sets by name; `org` has neither team nor service. */
export const SCOPES: Record<string, Labels> = {
  org: {},
  payments: { team: "payments" },
  platform: { team: "platform" },
  checkout: { team: "payments", service: "checkout" },
  billing: { team: "payments", service: "billing" },
  gateway: { team: "platform", service: "gateway" },
  data: { team: "data" },
  warehouse: { team: "data", service: "warehouse" },
  unassigned: { team: "unassigned" },
  mystery: { team: "unassigned", service: "mystery" },
};

export const M = {
  total: "dora_deployments_total",
  freq: "dora_deployment_frequency_per_day",
  lead: "dora_change_lead_time_seconds",
  changes: "dora_changes_deployed",
  cfr: "dora_change_failure_ratio",
  recovery: "dora_failed_deployment_recovery_time_seconds",
  rework: "dora_deployment_rework_ratio",
  level: "dora_performance_level",
  feature: "kpi_feature_to_market_latency_seconds",
  cost: "kpi_cost",
  attribution: "kpi_cost_attribution_ratio",
  costPerDeploy: "kpi_cost_per_deployment",
  costPerChange: "kpi_cost_per_change",
  coverage: "kpi_compliance_coverage_ratio",
  controlPass: "kpi_compliance_control_pass_ratio",
  controlNotEvaluable: "kpi_compliance_control_not_evaluable_ratio",
  controlCost: "kpi_control_cost",
  remediation: "kpi_vulnerability_remediation_time_seconds",
  open: "kpi_vulnerabilities_open",
  overdue: "kpi_vulnerabilities_overdue",
  incidents: "kpi_incidents",
  incidentsOpen: "kpi_incidents_open",
  revenue: "kpi_revenue_impact",
  revenuePerChange: "kpi_revenue_impact_per_change",
} as const;

function sameLabels(actual: Labels, wanted: Labels): boolean {
  const keys = Object.keys(actual);
  return keys.length === Object.keys(wanted).length && keys.every((k) => actual[k] === wanted[k]);
}

/** The value of the one series with exactly these labels, or undefined when there is none. */
export function sample(snap: KpiSnapshot, name: string, labels: Labels): number | undefined {
  const hits = snap.samples.filter((s) => s.name === name && sameLabels(s.labels, labels));
  if (hits.length > 1) throw new Error(`duplicate series ${name}${JSON.stringify(labels)}`);
  return hits[0]?.value;
}

/** Every series of `name` whose labels include `subset`. */
export const series = (snap: KpiSnapshot, name: string, subset: Labels = {}): Sample[] =>
  snap.samples.filter(
    (s) => s.name === name && Object.entries(subset).every(([k, v]) => s.labels[k] === v),
  );

/** [metric, exact labels, expected value, or undefined for "no series"] */
export type Row = [string, Labels, number | undefined];

/** Rows for one metric and window, by scope name: rows(M.freq, "7d", { org: 1, checkout: 1 }). */
export function rows(
  name: string,
  window: string | undefined,
  values: Record<string, number | undefined>,
  extra: Labels = {},
): Row[] {
  return Object.entries(values).map(([scope, value]) => {
    const labels = SCOPES[scope];
    if (!labels) throw new Error(`unknown scope ${scope}`);
    return [name, { ...(window ? { window } : {}), ...labels, ...extra }, value];
  });
}

export function expectRows(snap: KpiSnapshot, expected: Row[]): void {
  for (const [name, labels, value] of expected) {
    const actual = sample(snap, name, labels);
    const near = series(snap, name).map((s) => `${JSON.stringify(s.labels)}=${s.value}`);
    const where = `${name}${JSON.stringify(labels)} [present: ${near.join(" ") || "none"}]`;
    if (value === undefined) expect(actual, where).toBeUndefined();
    else {
      expect(actual, where).toBeTypeOf("number");
      expect(actual as number, where).toBeCloseTo(value, 6);
    }
  }
}
