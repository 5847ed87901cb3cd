import { LABEL } from "../vocabulary/conventions.ts";
import { KPI, type KpiDef, type LevelMetric, type ValueUnit } from "../vocabulary/kpi-catalogue.ts";
import { DEFINITION } from "./definitions.ts";
import type { DashboardOptions } from "./options.ts";
import { currencyUnit } from "./options.ts";
import { type PanelSpec, type Query, statPanel, trendPanel, UNIT } from "./panels.ts";
import { eq, quantile, SCOPE_LEGEND, scoped } from "./queries.ts";
import {
  LEVEL_MAPPINGS,
  LEVEL_STEPS,
  levelStepsAtLeast,
  levelStepsAtMost,
  targetSteps,
} from "./thresholds.ts";

// KPI panel specs shared by several audiences (the COO, CFO, CTO, SRE and DORA views
// show some of the same numbers): one definition, one query, one colouring everywhere.

const legend = (name: string) => `${name} ${SCOPE_LEGEND}`;
const one = (expr: string, name: string): Query[] => [{ expr, legend: legend(name) }];
const quantiles = (metric: (typeof KPI)[keyof typeof KPI], extra: string[] = []): Query[] => [
  { expr: scoped(metric, [...extra, quantile(0.5)]), legend: legend("p50") },
  { expr: scoped(metric, [...extra, quantile(0.9)]), legend: legend("p90") },
];

/** A KPI's Grafana unit: its catalogue unit, money in the configured currency. */
function unitOf(row: KpiDef, o?: DashboardOptions): string {
  if (row.unit === "currency") return currencyUnit(o?.currency ?? "");
  return GRAFANA_UNIT[row.unit];
}

const GRAFANA_UNIT: Record<Exclude<ValueUnit, "currency">, string> = {
  seconds: UNIT.seconds,
  ratio: UNIT.ratio,
  per_day: UNIT.perDay,
  count: UNIT.count,
  level: UNIT.level,
};

export function currencyMatcher(o: DashboardOptions): string {
  return eq(LABEL.currency, o.currency);
}

export const kpiSpec = {
  deploymentFrequency: (o: DashboardOptions): PanelSpec => ({
    title: KPI.deploymentFrequency.title,
    description: DEFINITION.deploymentFrequency,
    unit: unitOf(KPI.deploymentFrequency, o),
    queries: one(scoped(KPI.deploymentFrequency), "deployments/day"),
    steps: levelStepsAtLeast(o.levels.deploymentsPerDay),
  }),
  leadTime: (o: DashboardOptions): PanelSpec => ({
    title: KPI.leadTime.title,
    description: DEFINITION.leadTime,
    unit: unitOf(KPI.leadTime, o),
    queries: quantiles(KPI.leadTime),
    steps: levelStepsAtMost(o.levels.leadTimeSeconds),
  }),
  changeFailure: (o: DashboardOptions): PanelSpec => ({
    title: KPI.changeFailureRatio.title,
    description: DEFINITION.changeFailure,
    unit: unitOf(KPI.changeFailureRatio, o),
    queries: one(scoped(KPI.changeFailureRatio), "failed"),
    steps: levelStepsAtMost(o.levels.changeFailureRatio),
  }),
  recoveryTime: (o: DashboardOptions): PanelSpec => ({
    title: KPI.recoveryTime.title,
    description: DEFINITION.recoveryTime,
    unit: unitOf(KPI.recoveryTime, o),
    queries: quantiles(KPI.recoveryTime),
    steps: levelStepsAtMost(o.levels.recoveryTimeSeconds),
  }),
  changesDeployed: (): PanelSpec => ({
    title: KPI.changesDeployed.title,
    description: DEFINITION.changesDeployed,
    unit: unitOf(KPI.changesDeployed),
    queries: [{ expr: scoped(KPI.changesDeployed), legend: legend("changes") }],
  }),
  reworkRatio: (): PanelSpec => ({
    title: KPI.reworkRatio.title,
    description: DEFINITION.reworkRatio,
    unit: unitOf(KPI.reworkRatio),
    queries: one(scoped(KPI.reworkRatio), "rework"),
  }),
  costPerChange: (o: DashboardOptions): PanelSpec => ({
    title: KPI.costPerChange.title,
    description: DEFINITION.costPerChange,
    unit: unitOf(KPI.costPerChange, o),
    queries: one(scoped(KPI.costPerChange, [currencyMatcher(o)]), "per change"),
  }),
  costPerDeployment: (o: DashboardOptions): PanelSpec => ({
    title: KPI.costPerDeployment.title,
    description: DEFINITION.costPerDeployment,
    unit: unitOf(KPI.costPerDeployment, o),
    queries: one(scoped(KPI.costPerDeployment, [currencyMatcher(o)]), "per deployment"),
  }),
  complianceCoverage: (): PanelSpec => ({
    title: KPI.complianceCoverage.title,
    description: DEFINITION.complianceCoverage,
    unit: unitOf(KPI.complianceCoverage),
    queries: one(scoped(KPI.complianceCoverage), "compliant"),
    steps: targetSteps(1, 0.95),
    min: 0,
    max: 1,
  }),
  controlPass: (): PanelSpec => ({
    title: KPI.controlPassRatio.title,
    description: DEFINITION.controlPass,
    unit: unitOf(KPI.controlPassRatio),
    queries: [{ expr: scoped(KPI.controlPassRatio), legend: legend(`{{${LABEL.control}}}`) }],
    steps: targetSteps(1, 0.95),
    min: 0,
    max: 1,
  }),
  controlNotEvaluable: (): PanelSpec => ({
    title: KPI.controlNotEvaluableRatio.title,
    description: DEFINITION.controlNotEvaluable,
    unit: unitOf(KPI.controlNotEvaluableRatio),
    queries: [
      { expr: scoped(KPI.controlNotEvaluableRatio), legend: legend(`{{${LABEL.control}}}`) },
    ],
    min: 0,
    max: 1,
  }),
};

/** The graded metrics in the order the dashboards show the KPIs themselves. */
export const LEVEL_ORDER: LevelMetric[] = [
  "deployment_frequency",
  "lead_time",
  "change_failure",
  "recovery_time",
];

const LEVEL_NAMES: Record<LevelMetric, string> = {
  deployment_frequency: "Deployment frequency",
  lead_time: "Lead time",
  change_failure: "Change failure",
  recovery_time: "Recovery time",
};

/** dora_performance_level of the four graded metrics, as Elite/High/Medium/Low. */
export function levelsStat(width = 24) {
  return statPanel({
    title: "DORA performance levels",
    description: DEFINITION.performanceLevel,
    unit: UNIT.level,
    queries: LEVEL_ORDER.map((metric) => ({
      expr: scoped(KPI.performanceLevel, [eq(LABEL.metric, metric)]),
      legend: legend(LEVEL_NAMES[metric]),
    })),
    steps: LEVEL_STEPS,
    mappings: LEVEL_MAPPINGS,
    width,
    height: 4,
  });
}

/** The DORA headline: performance levels over the five metrics' current values. */
export function doraStats(o: DashboardOptions) {
  return [
    levelsStat(),
    statPanel({ ...kpiSpec.deploymentFrequency(o), width: 5 }),
    statPanel({ ...kpiSpec.leadTime(o), width: 5 }),
    statPanel({ ...kpiSpec.changeFailure(o), width: 5 }),
    statPanel({ ...kpiSpec.recoveryTime(o), width: 5 }),
    statPanel({ ...kpiSpec.reworkRatio(), width: 4 }),
  ];
}

/** The four graded DORA metrics over time, their level bounds drawn. */
export function doraTrends(o: DashboardOptions) {
  return [
    kpiSpec.deploymentFrequency,
    kpiSpec.leadTime,
    kpiSpec.changeFailure,
    kpiSpec.recoveryTime,
  ].map((spec) => trendPanel({ ...spec(o), showSteps: true }));
}
