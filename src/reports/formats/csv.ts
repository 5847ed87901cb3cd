import { csvLine } from "../../import/csv.ts";
import type { ReportModel, ReportValue } from "../model.ts";

// The raw KPI table in long form (RFC 4180: CRLF line ends, fields holding a comma, quote or
// line break quoted, quotes doubled). The first six columns are the issue's; the rest tell
// series and periods apart. Values are JavaScript's shortest round-trip form, so parsing a
// cell back gives the engine's number exactly.

/** The long-form columns, which the XLSX's raw KPI sheet starts with too. */
export const LONG_FORM_COLUMNS = ["kpi", "scope", "team", "service", "value", "unit"] as const;

const LABEL_COLUMNS = [
  "quantile",
  "severity",
  "category",
  "control",
  "bound",
  "metric",
  "currency",
] as const;

export const CSV_COLUMNS = [
  ...LONG_FORM_COLUMNS,
  ...LABEL_COLUMNS,
  "period",
  "window",
  "as_of",
] as const;

function row(v: ReportValue): string[] {
  return [
    v.kpi,
    v.scope,
    v.team ?? "",
    v.service ?? "",
    String(v.value),
    v.unit,
    ...LABEL_COLUMNS.map((label) => v.labels[label] ?? ""),
    v.period,
    v.window,
    v.asOf,
  ];
}

export function renderCsv(model: ReportModel): string {
  const lines = [[...CSV_COLUMNS], ...model.values.map(row)];
  return lines.map(csvLine).join("");
}
