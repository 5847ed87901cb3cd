import type { MetricDef } from "../../vocabulary/conventions.ts";
import { KPI, type KpiDef, type ValueUnit } from "../../vocabulary/kpi-catalogue.ts";

// The KPIs a report shows: which series of which metric, under what human label and unit.
// A spec names a series by its metric and its non-scope labels; the currency label, where
// the metric has one, is the configured currency and is added when looking samples up.

export interface KpiSpec {
  def: MetricDef;
  /** Labels other than window, scope and currency (quantile, severity, control, ...). */
  labels: Record<string, string>;
  label: string;
  unit: ValueUnit;
  /** The `metric` label of dora_performance_level grading this KPI. */
  level?: string;
  /** Exported at organisation scope only (cost attribution). */
  organisationOnly?: boolean;
  /** Left out of a section when it has no value this quarter nor the previous one. */
  optional?: boolean;
}

/** A KPI's series as its catalogue row names it: its title, unit and grading level. */
function spec(def: KpiDef, extra: Partial<KpiSpec> = {}): KpiSpec {
  const { title: label, unit, level } = def;
  return { def, labels: {}, label, unit, ...(level ? { level } : {}), ...extra };
}

/** One quantile of a KPI, "Change lead time p50"; only the median is graded. */
function quantileSpec(def: KpiDef, quantile: "0.5" | "0.9"): KpiSpec {
  const q = quantile === "0.5" ? "p50" : "p90";
  const series = spec(def, { label: `${def.title} ${q}`, labels: { quantile } });
  if (quantile !== "0.5") delete series.level;
  return series;
}

export const SPEC = {
  deploymentFrequency: spec(KPI.deploymentFrequency),
  leadTimeP50: quantileSpec(KPI.leadTime, "0.5"),
  leadTimeP90: quantileSpec(KPI.leadTime, "0.9"),
  changeFailure: spec(KPI.changeFailureRatio),
  recoveryP50: quantileSpec(KPI.recoveryTime, "0.5"),
  recoveryP90: quantileSpec(KPI.recoveryTime, "0.9"),
  rework: spec(KPI.reworkRatio),
  changesDeployed: spec(KPI.changesDeployed),
  featureP50: quantileSpec(KPI.featureToMarket, "0.5"),
  featureP90: quantileSpec(KPI.featureToMarket, "0.9"),
  cloudCost: spec(KPI.cost, { label: "Cloud cost", labels: { category: "cloud" } }),
  ciCost: spec(KPI.cost, { label: "CI cost", labels: { category: "ci" } }),
  attribution: spec(KPI.costAttributionRatio, { organisationOnly: true }),
  costPerDeployment: spec(KPI.costPerDeployment),
  costPerChange: spec(KPI.costPerChange),
  coverage: spec(KPI.complianceCoverage),
  revenueEstimate: bound("estimate"),
  revenueLow: bound("low"),
  revenueHigh: bound("high"),
  revenuePerChange: spec(KPI.revenuePerChange),
} as const;

function bound(name: "estimate" | "low" | "high"): KpiSpec {
  const label = `${KPI.revenueImpact.title} (${name})`;
  return spec(KPI.revenueImpact, { label, labels: { bound: name } });
}

const CONTROL_LABEL: Record<string, string> = {
  required_checks: "required checks",
  change_approval: "change approval",
  deployment_approval: "deployment approval",
  linked_ticket: "linked ticket",
};

export function controlPass(control: string): KpiSpec {
  const name = CONTROL_LABEL[control] ?? control;
  return spec(KPI.controlPassRatio, {
    label: `${KPI.controlPassRatio.title}: ${name}`,
    labels: { control },
  });
}

export function controlCost(control: string): KpiSpec {
  const name = CONTROL_LABEL[control] ?? control;
  const label = `${KPI.controlCost.title}: ${name}`;
  return spec(KPI.controlCost, { label, labels: { control }, optional: true });
}

export function remediation(severity: string, quantile: "0.5" | "0.9"): KpiSpec {
  const q = quantile === "0.5" ? "p50" : "p90";
  const label = `${KPI.remediationTime.title} ${severity} ${q}`;
  return spec(KPI.remediationTime, { label, labels: { severity, quantile } });
}

export function openFindings(severity: string): KpiSpec {
  const label = `${KPI.vulnerabilitiesOpen.title} ${severity}`;
  return spec(KPI.vulnerabilitiesOpen, { label, labels: { severity } });
}

export function overdueFindings(severity: string): KpiSpec {
  const label = `${KPI.vulnerabilitiesOverdue.title} ${severity}`;
  return spec(KPI.vulnerabilitiesOverdue, { label, labels: { severity } });
}

/** The DORA level series of a graded spec, as a spec of its own (raw table, team tables). */
export function levelSpec(of: KpiSpec): KpiSpec {
  const label = `DORA level: ${of.label}`;
  return spec(KPI.performanceLevel, { label, labels: { metric: of.level ?? "" } });
}

/** A stable key of a spec's series: metric name and its sorted labels. */
export function specKey(s: Pick<KpiSpec, "def" | "labels">): string {
  const labels = Object.entries(s.labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `${s.def.name}{${labels.map(([k, v]) => `${k}=${v}`).join(",")}}`;
}
