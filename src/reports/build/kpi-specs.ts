import { KPI, type MetricDef } from "../../vocabulary/conventions.ts";
import type { ValueUnit } from "../value-types.ts";

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

function spec(def: MetricDef, label: string, unit: ValueUnit, extra: Partial<KpiSpec> = {}) {
  return { def, labels: {}, label, unit, ...extra } satisfies KpiSpec;
}

const p50 = { quantile: "0.5" };
const p90 = { quantile: "0.9" };

export const SPEC = {
  deploymentFrequency: spec(KPI.deploymentFrequency, "Deployment frequency", "per_day", {
    level: "deployment_frequency",
  }),
  leadTimeP50: spec(KPI.leadTime, "Change lead time p50", "seconds", {
    labels: p50,
    level: "lead_time",
  }),
  leadTimeP90: spec(KPI.leadTime, "Change lead time p90", "seconds", { labels: p90 }),
  changeFailure: spec(KPI.changeFailureRatio, "Change failure ratio", "ratio", {
    level: "change_failure",
  }),
  recoveryP50: spec(KPI.recoveryTime, "Failed deployment recovery time p50", "seconds", {
    labels: p50,
    level: "recovery_time",
  }),
  recoveryP90: spec(KPI.recoveryTime, "Failed deployment recovery time p90", "seconds", {
    labels: p90,
  }),
  rework: spec(KPI.reworkRatio, "Deployment rework ratio", "ratio"),
  changesDeployed: spec(KPI.changesDeployed, "Changes deployed", "count"),
  featureP50: spec(KPI.featureToMarket, "Feature-to-market latency p50", "seconds", {
    labels: p50,
  }),
  featureP90: spec(KPI.featureToMarket, "Feature-to-market latency p90", "seconds", {
    labels: p90,
  }),
  cloudCost: spec(KPI.cost, "Cloud cost", "currency", { labels: { category: "cloud" } }),
  ciCost: spec(KPI.cost, "CI cost", "currency", { labels: { category: "ci" } }),
  attribution: spec(KPI.costAttributionRatio, "Cost attribution ratio", "ratio", {
    organisationOnly: true,
  }),
  costPerDeployment: spec(KPI.costPerDeployment, "Cost per deployment", "currency"),
  costPerChange: spec(KPI.costPerChange, "Cost per change", "currency"),
  coverage: spec(KPI.complianceCoverage, "Compliance coverage", "ratio"),
  revenueEstimate: spec(KPI.revenueImpact, "Revenue impact (estimate)", "currency", {
    labels: { bound: "estimate" },
  }),
  revenueLow: spec(KPI.revenueImpact, "Revenue impact (low)", "currency", {
    labels: { bound: "low" },
  }),
  revenueHigh: spec(KPI.revenueImpact, "Revenue impact (high)", "currency", {
    labels: { bound: "high" },
  }),
  revenuePerChange: spec(KPI.revenuePerChange, "Revenue impact per change", "currency"),
} as const;

const CONTROL_LABEL: Record<string, string> = {
  required_checks: "required checks",
  change_approval: "change approval",
  deployment_approval: "deployment approval",
  linked_ticket: "linked ticket",
};

export function controlPass(control: string): KpiSpec {
  const name = CONTROL_LABEL[control] ?? control;
  return spec(KPI.controlPassRatio, `Control pass ratio: ${name}`, "ratio", {
    labels: { control },
  });
}

export function controlCost(control: string): KpiSpec {
  const name = CONTROL_LABEL[control] ?? control;
  return spec(KPI.controlCost, `Control cost: ${name}`, "currency", {
    labels: { control },
    optional: true,
  });
}

export function remediation(severity: string, quantile: "0.5" | "0.9"): KpiSpec {
  const q = quantile === "0.5" ? "p50" : "p90";
  return spec(KPI.remediationTime, `Remediation time ${severity} ${q}`, "seconds", {
    labels: { severity, quantile },
  });
}

export function openFindings(severity: string): KpiSpec {
  return spec(KPI.vulnerabilitiesOpen, `Open findings ${severity}`, "count", {
    labels: { severity },
  });
}

export function overdueFindings(severity: string): KpiSpec {
  return spec(KPI.vulnerabilitiesOverdue, `Overdue findings ${severity}`, "count", {
    labels: { severity },
  });
}

/** The DORA level series of a graded spec, as a spec of its own (raw table, team tables). */
export function levelSpec(of: KpiSpec): KpiSpec {
  return spec(KPI.performanceLevel, `DORA level: ${of.label}`, "level", {
    labels: { metric: of.level ?? "" },
  });
}

/** A stable key of a spec's series: metric name and its sorted labels. */
export function specKey(s: Pick<KpiSpec, "def" | "labels">): string {
  const labels = Object.entries(s.labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `${s.def.name}{${labels.map(([k, v]) => `${k}=${v}`).join(",")}}`;
}
