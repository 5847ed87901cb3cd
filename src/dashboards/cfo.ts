import { BOUNDS, LABEL } from "../vocabulary/conventions.ts";
import { KPI } from "../vocabulary/kpi-catalogue.ts";
import { type DashboardSpec, finish, kpiDashboard, row } from "./common.ts";
import { DEFINITION } from "./definitions.ts";
import { currencyMatcher, kpiSpec } from "./kpi-panels.ts";
import { currencyUnit, type DashboardOptions } from "./options.ts";
import { barPanel, type Query, statPanel, trendPanel, UNIT } from "./panels.ts";
import { eq, SCOPE_LEGEND, scoped } from "./queries.ts";

// CFO: is delivery controlled (compliance), what does it cost, what does it earn.

const META = {
  uid: "kpi-cfo",
  folder: "CFO",
  title: "KPI · CFO · Compliance, cost and revenue",
  source: "cfo.ts",
  summary:
    "Compliance coverage, control pass and not-evaluable ratios, cost per change, revenue impact.",
  tags: ["cfo", "cost", "compliance", "revenue"],
  scopeVariables: true,
};

function revenueBounds(o: DashboardOptions): Query[] {
  return BOUNDS.map((bound) => ({
    expr: scoped(KPI.revenueImpact, [currencyMatcher(o), eq(LABEL.bound, bound)]),
    legend: `${bound} ${SCOPE_LEGEND}`,
  }));
}

export function cfoDashboard(o: DashboardOptions): DashboardSpec {
  const money = currencyUnit(o.currency);
  const revenuePerChange: Query = {
    expr: scoped(KPI.revenuePerChange, [currencyMatcher(o)]),
    legend: `revenue per change ${SCOPE_LEGEND}`,
  };
  const d = kpiDashboard(META, o)
    .withRow(row("Compliance"))
    .withPanel(statPanel({ ...kpiSpec.complianceCoverage(), width: 8, height: 8 }))
    .withPanel(barPanel({ ...kpiSpec.controlPass(), width: 8 }))
    .withPanel(barPanel({ ...kpiSpec.controlNotEvaluable(), width: 8 }))
    .withRow(row("Cost"))
    .withPanel(statPanel({ ...kpiSpec.costPerChange(o), width: 8 }))
    .withPanel(statPanel({ ...kpiSpec.costPerDeployment(o), width: 8 }))
    .withPanel(
      statPanel({
        title: "Cost attribution ratio",
        description: DEFINITION.costAttribution,
        unit: UNIT.ratio,
        queries: [{ expr: scoped(KPI.costAttributionRatio), legend: "attributed" }],
        min: 0,
        max: 1,
        width: 8,
      }),
    )
    .withRow(row("Revenue"))
    .withPanel(
      statPanel({
        title: "Revenue impact (estimate, low, high)",
        description: DEFINITION.revenue,
        unit: money,
        queries: revenueBounds(o),
        height: 8,
      }),
    )
    .withPanel(
      statPanel({
        title: "Revenue impact per change",
        description: DEFINITION.revenuePerChange,
        unit: money,
        queries: [revenuePerChange],
        height: 8,
      }),
    )
    .withPanel(
      trendPanel({
        title: "Revenue impact over time",
        description: DEFINITION.revenue,
        unit: money,
        queries: revenueBounds(o),
      }),
    )
    .withRow(row("Trends"))
    .withPanel(
      trendPanel({
        title: "Cost per change vs revenue impact per change",
        description: `${DEFINITION.costPerChange} ${DEFINITION.revenuePerChange}`,
        unit: money,
        queries: [...kpiSpec.costPerChange(o).queries, revenuePerChange],
      }),
    )
    .withPanel(
      trendPanel({
        ...kpiSpec.complianceCoverage(),
        title: "Compliance coverage over time",
        description: `${DEFINITION.complianceCoverage} Also per control: deployments passing it ÷ deployments it applies to.`,
        queries: [...kpiSpec.complianceCoverage().queries, ...kpiSpec.controlPass().queries],
        showSteps: true,
      }),
    );
  return finish(META, d);
}
