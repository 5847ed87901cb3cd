import type { Content, TableCell } from "pdfmake";
import type { ReportModel } from "../model.ts";
import { inlineMarkup } from "../view/inline-markup.ts";
import { dataTable, heading } from "./blocks.ts";

// The KPI definitions of METRICS.md, so the report explains its own numbers.

const CODE_COLOUR = "#3b4a6b";

/**
 * The embedded Roboto has no floor brackets (⌊h⌋ would print as empty boxes): the PDF
 * writes floor(h), which reads the same.
 */
export function withFontGlyphs(text: string): string {
  return text.replace(/⌊([^⌊⌋]*)⌋/g, "floor($1)");
}

function prose(text: string): Content {
  return {
    text: inlineMarkup(withFontGlyphs(text)).map((piece) =>
      piece.code
        ? { text: piece.text, color: CODE_COLOUR, italics: true }
        : piece.bold
          ? { text: piece.text, bold: true }
          : piece.text,
    ),
  };
}

export function appendix(model: ReportModel): Content[] {
  const { clock, kpis, levels } = model.definitions;
  const kpiRows = kpis.map((kpi): TableCell[] => [
    { text: kpi.metric, color: CODE_COLOUR },
    { text: kpi.unit },
    prose(kpi.formula),
  ]);
  const levelRows = levels.map((level): TableCell[] => [
    { text: level.metric, color: CODE_COLOUR },
    { text: level.elite },
    { text: level.high },
    { text: level.medium },
    { text: level.low },
  ]);
  return [
    heading("Appendix: definitions", "definitions", { newPage: true }),
    { text: "Evaluation clock, windows and scopes", style: "h3" },
    { ul: clock.map(prose), margin: [0, 0, 0, 6] },
    { text: "KPIs", style: "h3" },
    dataTable(
      [
        { title: "Metric", width: 150 },
        { title: "Unit", width: 55 },
        { title: "Formula", width: "*" },
      ],
      kpiRows,
    ),
    { text: "DORA performance levels", style: "h3" },
    dataTable(
      [
        { title: "Metric", width: 110 },
        { title: "Elite", width: "*" },
        { title: "High", width: "*" },
        { title: "Medium", width: "*" },
        { title: "Low", width: "*" },
      ],
      levelRows,
    ),
  ];
}
