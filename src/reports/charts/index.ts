import type { ReportModel, StakeholderSection } from "../model.ts";
import { trendChartSvg } from "./trend-chart.ts";

export { CHART_HEIGHT, CHART_WIDTH } from "./trend-chart.ts";

export interface RenderedChart {
  id: string;
  title: string;
  svg: string;
}

/** A section's monthly trend charts, with ids that are unique and stable within a report. */
export function sectionCharts(model: ReportModel, section: StakeholderSection): RenderedChart[] {
  return section.trends.map((series, index) => {
    const id = `chart-${section.stakeholder.toLowerCase()}-${index + 1}`;
    const svg = trendChartSvg({
      id,
      title: series.label,
      series,
      quarter: model.quarter,
      currency: model.currency,
    });
    return { id, title: series.label, svg };
  });
}
