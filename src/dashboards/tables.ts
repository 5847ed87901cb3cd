import { TableCellDisplayMode } from "@grafana/grafana-foundation-sdk/common";
import {
  type DynamicConfigValue,
  ThresholdsMode,
  type ValueMapping,
} from "@grafana/grafana-foundation-sdk/dashboard";
import { PromQueryFormat } from "@grafana/grafana-foundation-sdk/prometheus";
import * as table from "@grafana/grafana-foundation-sdk/table";
import { decimalsOf } from "./options.ts";
import { DATASOURCE, refId, target } from "./panels.ts";
import { NEUTRAL, type Steps } from "./thresholds.ts";

// Tables: one instant query per column, merged on their labels (team, service, …) into
// one row per label set; each value column gets its own name, unit and colours.

export interface Column {
  name: string;
  expr: string;
  unit: string;
  steps?: Steps;
  mappings?: ValueMapping[];
}

export interface TableSpec {
  title: string;
  description: string;
  /** Unit of cells no column names (label columns are text). */
  unit: string;
  columns: Column[];
  /** Label columns first, in this order. */
  keys: string[];
  /** Fields to leave out (Time always is). */
  hide?: string[];
  width?: number;
  height?: number;
}

function valueField(index: number, columns: number): string {
  return columns > 1 ? `Value #${refId(index)}` : "Value";
}

function organize(spec: TableSpec) {
  const renameByName: Record<string, string> = {};
  const indexByName: Record<string, number> = {};
  spec.keys.forEach((key, i) => {
    indexByName[key] = i;
  });
  spec.columns.forEach((column, i) => {
    renameByName[valueField(i, spec.columns.length)] = column.name;
    indexByName[valueField(i, spec.columns.length)] = spec.keys.length + i;
  });
  const excludeByName = Object.fromEntries(["Time", ...(spec.hide ?? [])].map((f) => [f, true]));
  return { id: "organize", options: { excludeByName, indexByName, renameByName } };
}

function columnProperties(column: Column): DynamicConfigValue[] {
  return [
    { id: "unit", value: column.unit },
    ...(decimalsOf(column.unit) === undefined
      ? []
      : [{ id: "decimals", value: decimalsOf(column.unit) }]),
    { id: "thresholds", value: { mode: ThresholdsMode.Absolute, steps: column.steps ?? NEUTRAL } },
    ...(column.mappings ? [{ id: "mappings", value: column.mappings }] : []),
    { id: "custom.cellOptions", value: { type: TableCellDisplayMode.ColorText } },
  ];
}

export function tablePanel(spec: TableSpec): table.PanelBuilder {
  const panel = new table.PanelBuilder()
    .title(spec.title)
    .description(spec.description)
    .datasource(DATASOURCE)
    .unit(spec.unit)
    .span(spec.width ?? 24)
    .height(spec.height ?? 9)
    .transformations([{ id: "merge", options: {} }, organize(spec)]);
  spec.columns.forEach((column, i) => {
    panel.withTarget(
      target({ expr: column.expr, legend: column.name }, i).instant().format(PromQueryFormat.Table),
    );
    panel.overrideByName(column.name, columnProperties(column));
  });
  return panel;
}
