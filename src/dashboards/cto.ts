import { KPI } from "../vocabulary/kpi-catalogue.ts";
import { type DashboardSpec, finish, kpiDashboard, row } from "./common.ts";
import { DEFINITION } from "./definitions.ts";
import { doraStats, doraTrends } from "./kpi-panels.ts";
import type { DashboardOptions } from "./options.ts";
import { statPanel, trendPanel, UNIT } from "./panels.ts";
import { quantile, SCOPE_LEGEND, scoped } from "./queries.ts";

// CTO: how quickly features reach users and how the delivery system performs (the five
// DORA metrics and their performance levels).

const META = {
  uid: "kpi-cto",
  folder: "CTO",
  title: "KPI · CTO · Delivery performance",
  source: "cto.ts",
  summary: "Feature-to-market latency and the five DORA metrics with performance levels.",
  tags: ["cto", "dora"],
  scopeVariables: true,
};

export function ctoDashboard(o: DashboardOptions): DashboardSpec {
  const featureToMarket = ([0.5, 0.9] as const).map((q) => ({
    expr: scoped(KPI.featureToMarket, [quantile(q)]),
    legend: `feature-to-market p${q * 100} ${SCOPE_LEGEND}`,
  }));
  const d = kpiDashboard(META, o)
    .withRow(row("Time to market"))
    .withPanel(
      statPanel({
        title: "Feature-to-market latency",
        description: DEFINITION.featureToMarket,
        unit: UNIT.seconds,
        queries: featureToMarket,
        width: 8,
        height: 8,
      }),
    )
    .withPanel(
      trendPanel({
        title: "Feature-to-market latency vs change lead time",
        description: `${DEFINITION.featureToMarket} Change lead time: deployedAt − first commit of every change deployed in the window.`,
        unit: UNIT.seconds,
        queries: [
          ...featureToMarket,
          { expr: scoped(KPI.leadTime, [quantile(0.5)]), legend: `lead time p50 ${SCOPE_LEGEND}` },
        ],
        width: 16,
      }),
    )
    .withRow(row("DORA"));
  for (const panel of doraStats(o)) d.withPanel(panel);
  d.withRow(row("Trends"));
  for (const panel of doraTrends(o)) d.withPanel(panel);
  return finish(META, d);
}
