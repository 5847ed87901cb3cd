import { LABEL } from "../vocabulary/conventions.ts";
import { KPI } from "../vocabulary/kpi-catalogue.ts";
import { type DashboardSpec, finish, kpiDashboard, row } from "./common.ts";
import { DEFINITION } from "./definitions.ts";
import { currencyMatcher, kpiSpec } from "./kpi-panels.ts";
import { currencyUnit, type DashboardOptions } from "./options.ts";
import { barPanel, statPanel, trendPanel, UNIT } from "./panels.ts";
import { SCOPE_LEGEND, scoped } from "./queries.ts";

// COO: what delivery costs and how much delivery that money buys.

const META = {
  uid: "kpi-coo",
  folder: "COO",
  title: "KPI · COO · Cost of delivery",
  source: "coo.ts",
  summary: "Cost per change and per deployment, cost by category, deployment frequency.",
  tags: ["coo", "cost"],
  scopeVariables: true,
};

export function cooDashboard(o: DashboardOptions): DashboardSpec {
  const money = currencyUnit(o.currency);
  const cost = scoped(KPI.cost, [currencyMatcher(o)]);
  const total = `sum without (${LABEL.category}) (${cost})`;
  const d = kpiDashboard(META, o)
    .withRow(row("Cost of delivery"))
    .withPanel(statPanel(kpiSpec.costPerChange(o)))
    .withPanel(statPanel(kpiSpec.costPerDeployment(o)))
    .withPanel(statPanel(kpiSpec.deploymentFrequency(o)))
    .withPanel(
      statPanel({
        title: "Cost in window",
        description: DEFINITION.costTotal,
        unit: money,
        queries: [{ expr: total, legend: `total ${SCOPE_LEGEND}` }],
      }),
    )
    .withRow(row("Cost by category"))
    .withPanel(
      barPanel({
        title: "Cost by category",
        description: DEFINITION.cost,
        unit: money,
        queries: [{ expr: cost, legend: `{{${LABEL.category}}} ${SCOPE_LEGEND}` }],
        min: 0,
      }),
    )
    .withPanel(
      trendPanel({
        title: "Cost by category over time",
        description: DEFINITION.cost,
        unit: money,
        queries: [{ expr: cost, legend: `{{${LABEL.category}}} ${SCOPE_LEGEND}` }],
      }),
    )
    .withRow(row("Trends"))
    .withPanel(
      trendPanel({
        title: "Cost per change vs deployment frequency",
        description: `Left axis: ${DEFINITION.costPerChange} Right axis: production deployments in the window ÷ days in the window.`,
        unit: money,
        queries: [...kpiSpec.costPerChange(o).queries, ...kpiSpec.deploymentFrequency(o).queries],
        rightAxis: { refIds: ["B"], unit: UNIT.perDay },
      }),
    )
    .withPanel(trendPanel(kpiSpec.changesDeployed()));
  return finish(META, d);
}
