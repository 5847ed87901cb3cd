import { LABEL } from "../vocabulary/conventions.ts";
import type { LevelMetric } from "../vocabulary/kpi-catalogue.ts";
import { KPI } from "../vocabulary/kpi-catalogue.ts";
import { type DashboardSpec, finish, kpiDashboard, row } from "./common.ts";
import { doraStats, doraTrends, kpiSpec, LEVEL_ORDER } from "./kpi-panels.ts";
import type { DashboardOptions } from "./options.ts";
import { trendPanel, UNIT } from "./panels.ts";
import { eq, perScope, quantile } from "./queries.ts";
import { type Column, tablePanel } from "./tables.ts";
import { LEVEL_MAPPINGS, LEVEL_STEPS, levelStepsAtLeast, levelStepsAtMost } from "./thresholds.ts";

// The DORA overview: the five metrics for the selection, then every team and every
// service side by side with their performance levels.

const META = {
  uid: "kpi-dora",
  folder: "Delivery",
  title: "KPI · DORA overview",
  source: "dora.ts",
  summary: "The five DORA metrics with performance levels, per team and per service.",
  tags: ["dora", "delivery"],
  scopeVariables: true,
};

const LEVEL_COLUMNS: Record<LevelMetric, string> = {
  deployment_frequency: "Frequency level",
  lead_time: "Lead time level",
  change_failure: "Failure level",
  recovery_time: "Recovery level",
};

function columns(o: DashboardOptions, level: "team" | "service"): Column[] {
  const kpis: Column[] = [
    {
      name: "Deployments/day",
      expr: perScope(KPI.deploymentFrequency, level),
      unit: UNIT.perDay,
      steps: levelStepsAtLeast(o.levels.deploymentsPerDay),
    },
    {
      name: "Lead time p50",
      expr: perScope(KPI.leadTime, level, [quantile(0.5)]),
      unit: UNIT.seconds,
      steps: levelStepsAtMost(o.levels.leadTimeSeconds),
    },
    {
      name: "Change failure",
      expr: perScope(KPI.changeFailureRatio, level),
      unit: UNIT.ratio,
      steps: levelStepsAtMost(o.levels.changeFailureRatio),
    },
    {
      name: "Recovery p50",
      expr: perScope(KPI.recoveryTime, level, [quantile(0.5)]),
      unit: UNIT.seconds,
      steps: levelStepsAtMost(o.levels.recoveryTimeSeconds),
    },
    { name: "Rework", expr: perScope(KPI.reworkRatio, level), unit: UNIT.ratio },
  ];
  const levels = LEVEL_ORDER.map((metric) => ({
    name: LEVEL_COLUMNS[metric],
    expr: perScope(KPI.performanceLevel, level, [eq(LABEL.metric, metric)]),
    unit: UNIT.level,
    steps: LEVEL_STEPS,
    mappings: LEVEL_MAPPINGS,
  }));
  return [...kpis, ...levels];
}

function scopeTable(o: DashboardOptions, level: "team" | "service") {
  return tablePanel({
    title: level === "team" ? "DORA by team" : "DORA by service",
    description: `Each ${level} of the selection at ${level} scope, in the window: deployment frequency, p50 lead time, change failure ratio, p50 recovery time, rework ratio, and the performance level (3 Elite … 0 Low) of the four graded metrics.`,
    unit: UNIT.level,
    keys: level === "team" ? [LABEL.team] : [LABEL.team, LABEL.service],
    columns: columns(o, level),
    height: level === "team" ? 7 : 12,
  });
}

export function doraDashboard(o: DashboardOptions): DashboardSpec {
  const d = kpiDashboard(META, o).withRow(row("Selection"));
  for (const panel of doraStats(o)) d.withPanel(panel);
  d.withRow(row("Teams and services"))
    .withPanel(scopeTable(o, "team"))
    .withPanel(scopeTable(o, "service"))
    .withRow(row("Trends"));
  for (const panel of doraTrends(o)) d.withPanel(panel);
  d.withPanel(trendPanel(kpiSpec.reworkRatio())).withPanel(trendPanel(kpiSpec.changesDeployed()));
  return finish(META, d);
}
