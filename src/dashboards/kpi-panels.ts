import { KPI, LABEL, type LEVEL_METRICS } from "../vocabulary/conventions.ts";
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

export function currencyMatcher(o: DashboardOptions): string {
  return eq(LABEL.currency, o.currency);
}

export const kpiSpec = {
  deploymentFrequency: (o: DashboardOptions): PanelSpec => ({
    title: "Deployment frequency",
    description: DEFINITION.deploymentFrequency,
    unit: UNIT.perDay,
    queries: one(scoped(KPI.deploymentFrequency), "deployments/day"),
    steps: levelStepsAtLeast(o.levels.deploymentsPerDay),
  }),
  leadTime: (o: DashboardOptions): PanelSpec => ({
    title: "Change lead time",
    description: DEFINITION.leadTime,
    unit: UNIT.seconds,
    queries: quantiles(KPI.leadTime),
    steps: levelStepsAtMost(o.levels.leadTimeSeconds),
  }),
  changeFailure: (o: DashboardOptions): PanelSpec => ({
    title: "Change failure ratio",
    description: DEFINITION.changeFailure,
    unit: UNIT.ratio,
    queries: one(scoped(KPI.changeFailureRatio), "failed"),
    steps: levelStepsAtMost(o.levels.changeFailureRatio),
  }),
  recoveryTime: (o: DashboardOptions): PanelSpec => ({
    title: "Failed deployment recovery time",
    description: DEFINITION.recoveryTime,
    unit: UNIT.seconds,
    queries: quantiles(KPI.recoveryTime),
    steps: levelStepsAtMost(o.levels.recoveryTimeSeconds),
  }),
  changesDeployed: (): PanelSpec => ({
    title: "Changes deployed",
    description: DEFINITION.changesDeployed,
    unit: UNIT.count,
    queries: [{ expr: scoped(KPI.changesDeployed), legend: legend("changes") }],
  }),
  reworkRatio: (): PanelSpec => ({
    title: "Deployment rework ratio",
    description: DEFINITION.reworkRatio,
    unit: UNIT.ratio,
    queries: one(scoped(KPI.reworkRatio), "rework"),
  }),
  costPerChange: (o: DashboardOptions): PanelSpec => ({
    title: "Cost per change",
    description: DEFINITION.costPerChange,
    unit: currencyUnit(o.currency),
    queries: one(scoped(KPI.costPerChange, [currencyMatcher(o)]), "per change"),
  }),
  costPerDeployment: (o: DashboardOptions): PanelSpec => ({
    title: "Cost per deployment",
    description: DEFINITION.costPerDeployment,
    unit: currencyUnit(o.currency),
    queries: one(scoped(KPI.costPerDeployment, [currencyMatcher(o)]), "per deployment"),
  }),
  complianceCoverage: (): PanelSpec => ({
    title: "Compliance coverage",
    description: DEFINITION.complianceCoverage,
    unit: UNIT.ratio,
    queries: one(scoped(KPI.complianceCoverage), "compliant"),
    steps: targetSteps(1, 0.95),
    min: 0,
    max: 1,
  }),
  controlPass: (): PanelSpec => ({
    title: "Control pass ratio",
    description: DEFINITION.controlPass,
    unit: UNIT.ratio,
    queries: [{ expr: scoped(KPI.controlPassRatio), legend: legend(`{{${LABEL.control}}}`) }],
    steps: targetSteps(1, 0.95),
    min: 0,
    max: 1,
  }),
  controlNotEvaluable: (): PanelSpec => ({
    title: "Control not evaluable ratio",
    description: DEFINITION.controlNotEvaluable,
    unit: UNIT.ratio,
    queries: [
      { expr: scoped(KPI.controlNotEvaluableRatio), legend: legend(`{{${LABEL.control}}}`) },
    ],
    min: 0,
    max: 1,
  }),
};

export type LevelMetric = (typeof LEVEL_METRICS)[number];

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
