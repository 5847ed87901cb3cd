import type { Content, TableCell } from "pdfmake";
import type { KpiRow, ReportModel } from "../model.ts";
import { complianceLine, dataQualityLine } from "../view/headlines.ts";
import { reportSubtitle, reportTitle } from "../view/labels.ts";
import { COLOURS, changeCell, levelText, valueText } from "./blocks.ts";

// Page one: title, the headline KPIs as tiles, compliance and data quality in a sentence
// each, and the contents with page numbers.

const TILES_PER_ROW = 4;

function tile(model: ReportModel, row: KpiRow): TableCell {
  const previous = valueText({ value: row.previous, unit: row.unit }, model.currency);
  return {
    stack: [
      { text: row.label, style: "small", color: COLOURS.muted },
      { text: valueText(row, model.currency), style: "tileValue" },
      changeCell(row, "left"),
      { ...levelText(row.level), margin: [0, 1, 0, 2] },
      { text: `${model.quarter.previousId}: ${previous}`, style: "small", color: COLOURS.muted },
    ],
    margin: [2, 2, 2, 2],
  };
}

function tiles(model: ReportModel): Content {
  const rows: TableCell[][] = [];
  for (let i = 0; i < model.summary.length; i += TILES_PER_ROW) {
    const cells = model.summary.slice(i, i + TILES_PER_ROW).map((row) => tile(model, row));
    while (cells.length < TILES_PER_ROW) cells.push({ text: "" });
    rows.push(cells);
  }
  if (rows.length === 0) return { text: "No KPI has data this quarter.", italics: true };
  return {
    table: { widths: Array(TILES_PER_ROW).fill("*"), body: rows, dontBreakRows: true },
    layout: {
      hLineWidth: () => 0.75,
      vLineWidth: () => 0.75,
      hLineColor: () => COLOURS.rule,
      vLineColor: () => COLOURS.rule,
      paddingTop: () => 4,
      paddingBottom: () => 6,
    },
    margin: [0, 4, 0, 10],
  };
}

export function summaryPage(model: ReportModel): Content[] {
  return [
    { text: reportTitle(model), style: "h1" },
    { text: reportSubtitle(model), color: COLOURS.muted, margin: [0, 0, 0, 8] },
    { text: "Summary", style: "h2" },
    tiles(model),
    {
      ul: [
        { text: [{ text: "Compliance: ", bold: true }, complianceLine(model)] },
        { text: [{ text: "Data quality: ", bold: true }, dataQualityLine(model)] },
      ],
      margin: [0, 0, 0, 10],
    },
    { toc: { title: { text: "Contents", style: "h2" }, numberStyle: { bold: false } } },
  ];
}
