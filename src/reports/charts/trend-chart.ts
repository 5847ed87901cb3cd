import { BarChart, LineChart } from "echarts/charts";
import { GridComponent, LegendComponent, TitleComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { SVGRenderer } from "echarts/renderers";
import { formatValue, type ReportQuarter, type TrendSeries } from "../model.ts";
import { finishSvg } from "./finish-svg.ts";
import { axisScale } from "./scale.ts";

// A monthly trend as a self-contained SVG string, drawn server-side by ECharts' SVG
// renderer. The same string goes inline into the HTML and through pdfmake into the PDF.
// Amounts and counts are bars (they add up over months); durations, ratios and rates are
// lines. The previous quarter's three months come first, in grey, for comparison.

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TitleComponent, SVGRenderer]);

export const CHART_WIDTH = 360;
export const CHART_HEIGHT = 210;
export const CHART_FONT = "Roboto, 'Helvetica Neue', Arial, sans-serif";
const CURRENT_COLOUR = "#2f5d9e";
const PREVIOUS_COLOUR = "#a7afbd";

export interface TrendChartInput {
  id: string;
  title: string;
  series: TrendSeries;
  quarter: ReportQuarter;
  currency: string;
}

function describe(input: TrendChartInput): string {
  const { series, quarter, currency } = input;
  const list = (points: TrendSeries["points"]) =>
    points.map((p) => `${p.month} ${formatValue(p.value, series.unit, currency)}`).join(", ");
  return `Monthly ${input.title}. ${quarter.previousId}: ${list(series.previousPoints)}. ${quarter.id}: ${list(series.points)}.`;
}

function seriesOption(input: TrendChartInput, factor: number) {
  const { series, quarter } = input;
  const scaled = (v: number | null) => (v === null ? null : Number((v * factor).toPrecision(12)));
  const before = series.previousPoints.map((p) => scaled(p.value));
  const during = series.points.map((p) => scaled(p.value));
  const blank = (n: number) => Array.from({ length: n }, () => null);
  const bars = series.unit === "currency" || series.unit === "count";
  const common = bars
    ? { type: "bar" as const, barGap: "-100%", barWidth: "55%" }
    : { type: "line" as const, symbolSize: 6, lineStyle: { width: 2 }, connectNulls: false };
  return [
    {
      ...common,
      name: quarter.previousId,
      color: PREVIOUS_COLOUR,
      data: [...before, ...blank(during.length)],
    },
    {
      ...common,
      name: quarter.id,
      color: CURRENT_COLOUR,
      data: [...blank(before.length), ...during],
    },
  ];
}

export function trendChartSvg(input: TrendChartInput): string {
  const { series, currency } = input;
  const values = [...series.previousPoints, ...series.points].map((p) => Math.abs(p.value ?? 0));
  const scale = axisScale(series.unit, currency, Math.max(0, ...values));
  const chart = echarts.init(null, null, {
    renderer: "svg",
    ssr: true,
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
  });
  try {
    chart.setOption({
      animation: false,
      textStyle: { fontFamily: CHART_FONT, fontSize: 11 },
      title: { text: input.title, left: "center", top: 6, textStyle: { fontSize: 13 } },
      legend: { bottom: 4, itemWidth: 14, itemHeight: 8, textStyle: { fontSize: 10 } },
      grid: { left: 58, right: 14, top: 50, bottom: 52 },
      xAxis: {
        type: "category",
        data: [...series.previousPoints, ...series.points].map((p) => p.month),
        axisLabel: { fontSize: 10 },
      },
      yAxis: {
        type: "value",
        name: scale.name,
        nameTextStyle: { align: "right" },
        axisLabel: { formatter: scale.tick, fontSize: 10 },
        // Findings and levels are whole numbers: no tick at 0.5 of a finding.
        ...(series.unit === "count" || series.unit === "level" ? { minInterval: 1 } : {}),
      },
      series: seriesOption(input, scale.factor),
    });
    return finishSvg(chart.renderToSVGString(), {
      id: input.id,
      title: `${input.title} (${scale.name})`,
      description: describe(input),
    });
  } finally {
    chart.dispose();
  }
}
