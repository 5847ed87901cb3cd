import type { CellObject, Row } from "write-excel-file/node";
import type { ValueUnit } from "../../vocabulary/kpi-catalogue.ts";
import { formatChange, formatValue } from "../format-value.ts";
import type { KpiRow } from "../model.ts";

// Cells of the XLSX workbook: numbers stay numbers (with an Excel number format per unit) so
// a reader can compute with them, next to the text the other formats show.

const NUMBER_FORMAT: Record<ValueUnit, string> = {
  seconds: "#,##0",
  ratio: "0.0%",
  per_day: "0.00",
  currency: "#,##0.00",
  count: "#,##0",
  level: "0",
};

export const UNIT_TEXT: Record<ValueUnit, string> = {
  seconds: "seconds",
  ratio: "ratio",
  per_day: "per day",
  currency: "currency",
  count: "count",
  level: "level 0–3",
};

export function bold(value: string): CellObject {
  return { value, fontWeight: "bold" };
}

export function title(value: string): CellObject {
  return { value, fontWeight: "bold", fontSize: 14 };
}

export function numberCell(value: number | null, unit: ValueUnit): CellObject | null {
  return value === null ? null : { value, type: Number, format: NUMBER_FORMAT[unit] };
}

export function labelsText(labels: Record<string, string>): string {
  return Object.entries(labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(", ");
}

// Excel shows a negative number through its format's second section, so each carries its
// own sign; the third is zero.
const CHANGE_FORMAT = "+0.0%;-0.0%;0.0%";
const POINTS_FORMAT = '+0.0" pp";-0.0" pp";0.0" pp"';

/**
 * The change as formatChange shows it: a ratio's in percentage points (delta × 100, so the
 * cell holds the points themselves), any other KPI's relative to the previous quarter.
 */
export function changeCell(row: KpiRow): CellObject | null {
  if (row.unit === "ratio")
    return row.delta === null
      ? null
      : { value: row.delta * 100, type: Number, format: POINTS_FORMAT };
  return row.change === null ? null : { value: row.change, type: Number, format: CHANGE_FORMAT };
}

export const KPI_HEADER = [
  "KPI",
  "Series",
  "Value",
  "Unit",
  "Previous quarter",
  "Change (pp for ratios)",
  "DORA level",
  "Previous level",
  "Shown as",
  "Metric",
].map(bold);

export function kpiRowCells(row: KpiRow, currency: string): Row {
  return [
    row.label,
    labelsText(row.labels),
    numberCell(row.value, row.unit),
    row.unit === "currency" ? currency : UNIT_TEXT[row.unit],
    numberCell(row.previous, row.unit),
    changeCell(row),
    row.level ? `${row.level.name} (${row.level.value})` : null,
    row.level?.previous ?? null,
    `${formatValue(row.value, row.unit, currency)} (${formatChange(row)})`,
    row.kpi,
  ];
}
