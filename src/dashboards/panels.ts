import * as bargauge from "@grafana/grafana-foundation-sdk/bargauge";
import {
  BarGaugeDisplayMode,
  BigValueColorMode,
  BigValueGraphMode,
  BigValueTextMode,
  GraphThresholdsStyleConfigBuilder,
  GraphThresholdsStyleMode,
  LegendDisplayMode,
  LegendPlacement,
  ReduceDataOptionsBuilder,
  TooltipDisplayMode,
  VizLegendOptionsBuilder,
  VizOrientation,
  VizTooltipOptionsBuilder,
} from "@grafana/grafana-foundation-sdk/common";
import {
  ThresholdsConfigBuilder,
  ThresholdsMode,
  type ValueMapping,
} from "@grafana/grafana-foundation-sdk/dashboard";
import { DataqueryBuilder } from "@grafana/grafana-foundation-sdk/prometheus";
import * as stat from "@grafana/grafana-foundation-sdk/stat";
import * as timeseries from "@grafana/grafana-foundation-sdk/timeseries";
import { decimalsOf } from "./options.ts";
import { VAR } from "./queries.ts";
import { NEUTRAL, type Steps } from "./thresholds.ts";

// Panel helpers of the house style: every panel reads the datasource variable, states
// its KPI's definition in its description, and carries a unit and thresholds.

export const DATASOURCE = { type: "prometheus", uid: `\${${VAR.datasource}}` };

export interface Query {
  expr: string;
  legend: string;
}

export interface PanelSpec {
  title: string;
  description: string;
  unit: string;
  queries: Query[];
  steps?: Steps;
  mappings?: ValueMapping[];
  width?: number;
  height?: number;
  min?: number;
  max?: number;
}

type AnyPanel = stat.PanelBuilder | timeseries.PanelBuilder | bargauge.PanelBuilder;

export function refId(index: number): string {
  return String.fromCharCode(65 + index);
}

export function target(query: Query, index: number): DataqueryBuilder {
  return new DataqueryBuilder()
    .datasource(DATASOURCE)
    .refId(refId(index))
    .expr(query.expr)
    .legendFormat(query.legend);
}

function base<P extends AnyPanel>(panel: P, spec: PanelSpec, width: number, height: number): P {
  panel
    .title(spec.title)
    .description(spec.description)
    .datasource(DATASOURCE)
    .unit(spec.unit)
    .thresholds(
      new ThresholdsConfigBuilder().mode(ThresholdsMode.Absolute).steps(spec.steps ?? NEUTRAL),
    )
    .span(spec.width ?? width)
    .height(spec.height ?? height);
  const decimals = decimalsOf(spec.unit);
  if (decimals !== undefined) panel.decimals(decimals);
  if (spec.mappings) panel.mappings(spec.mappings);
  if (spec.min !== undefined) panel.min(spec.min);
  if (spec.max !== undefined) panel.max(spec.max);
  spec.queries.forEach((q, i) => {
    panel.withTarget(target(q, i));
  });
  return panel;
}

const lastValue = () => new ReduceDataOptionsBuilder().calcs(["lastNotNull"]).values(false);

/** The latest value of each series, with its trend as a sparkline. */
export function statPanel(spec: PanelSpec & { textMode?: BigValueTextMode }): stat.PanelBuilder {
  return base(new stat.PanelBuilder(), spec, 6, 5)
    .reduceOptions(lastValue())
    .colorMode(BigValueColorMode.Value)
    .graphMode(BigValueGraphMode.Area)
    .textMode(spec.textMode ?? BigValueTextMode.Auto);
}

/** The latest value of each series as horizontal bars (per control, category, kind…). */
export function barPanel(spec: PanelSpec): bargauge.PanelBuilder {
  return base(new bargauge.PanelBuilder(), spec, 12, 8)
    .reduceOptions(lastValue())
    .displayMode(BarGaugeDisplayMode.Gradient)
    .orientation(VizOrientation.Horizontal)
    .showUnfilled(true);
}

export interface TrendSpec extends PanelSpec {
  /** Draw the thresholds (performance levels, targets) as dashed lines. */
  showSteps?: boolean;
  /** A second unit on the right axis, for the queries with these refIds. */
  rightAxis?: { refIds: string[]; unit: string };
}

/** KPIs over time: how the windowed value moved as the window slid. */
export function trendPanel(spec: TrendSpec): timeseries.PanelBuilder {
  const panel = base(new timeseries.PanelBuilder(), spec, 12, 8)
    .legend(
      new VizLegendOptionsBuilder()
        .displayMode(LegendDisplayMode.Table)
        .placement(LegendPlacement.Bottom)
        .showLegend(true)
        .calcs(["lastNotNull"]),
    )
    .tooltip(new VizTooltipOptionsBuilder().mode(TooltipDisplayMode.Multi))
    .thresholdsStyle(
      new GraphThresholdsStyleConfigBuilder().mode(
        spec.showSteps ? GraphThresholdsStyleMode.Dashed : GraphThresholdsStyleMode.Off,
      ),
    );
  for (const id of spec.rightAxis?.refIds ?? [])
    panel.overrideByQuery(id, [
      { id: "unit", value: spec.rightAxis?.unit },
      ...(decimalsOf(spec.rightAxis?.unit) === undefined
        ? []
        : [{ id: "decimals", value: decimalsOf(spec.rightAxis?.unit) }]),
      { id: "custom.axisPlacement", value: "right" },
    ]);
  return panel;
}

/** Grafana units of the house style (ratios are 0–1 in the contract, hence percentunit). */
export const UNIT = {
  seconds: "s",
  ratio: "percentunit",
  perDay: "suffix: /day",
  count: "short",
  level: "none",
  burnRate: "suffix: ×",
  requestsPerSecond: "reqps",
  info: "none",
} as const;
