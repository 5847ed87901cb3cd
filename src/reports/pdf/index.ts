import type { ReportModel } from "../model.ts";
import { formatInstant, scopeName } from "../view/labels.ts";
import { appendix } from "./appendix.ts";
import { COLOURS } from "./blocks.ts";
import { complianceSection } from "./compliance.ts";
import { dataQualitySection } from "./data-quality.ts";
import { type DocumentDefinition, FONT, pdfBytes } from "./engine.ts";
import { policyChangesSection } from "./policy-changes.ts";
import { stakeholderSection } from "./section.ts";
import { summaryPage } from "./summary.ts";

// The quarterly report as an A4 PDF, made without a browser: the summary on page one,
// each section from a new page, a header naming the quarter and a footer numbering pages.
// Dates in the file come from the model (generatedAt), and pdfmake draws no random ids,
// so the same model gives the same bytes.

const MARGIN = 40;

function definition(model: ReportModel): DocumentDefinition {
  const when = new Date(model.generatedAt);
  const title = `Quarterly business review ${model.quarter.id}`;
  return {
    pageSize: "A4",
    pageMargins: [MARGIN, 48, MARGIN, 44],
    info: {
      title,
      subject: `KPIs of ${model.quarter.id}, ${scopeName(model)}`,
      author: "kpi-exporter",
      creator: "kpi-exporter",
      producer: "kpi-exporter",
      creationDate: when,
      modDate: when,
    },
    header: () => ({
      columns: [
        { text: `${title} · ${scopeName(model)}`, bold: true },
        { text: model.quarter.toDate ? "quarter to date" : "", alignment: "right" },
      ],
      margin: [MARGIN, 22, MARGIN, 0],
      fontSize: 8,
      color: COLOURS.muted,
    }),
    footer: (page, pages) => ({
      columns: [
        { text: `KPIs as of ${formatInstant(model.asOf)} · amounts in ${model.currency}` },
        { text: `Page ${page} of ${pages}`, alignment: "right" },
      ],
      margin: [MARGIN, 14, MARGIN, 0],
      fontSize: 8,
      color: COLOURS.muted,
    }),
    content: [
      ...summaryPage(model),
      ...model.sections.flatMap((section) => stakeholderSection(model, section)),
      ...complianceSection(model),
      ...policyChangesSection(model),
      ...dataQualitySection(model),
      ...appendix(model),
    ],
    defaultStyle: { font: FONT, fontSize: 9, lineHeight: 1.15 },
    styles: {
      h1: { fontSize: 20, bold: true, margin: [0, 0, 0, 2] },
      h2: { fontSize: 14, bold: true, color: "#1d2330", margin: [0, 6, 0, 6] },
      h3: { fontSize: 10.5, bold: true, color: COLOURS.accent, margin: [0, 8, 0, 4] },
      small: { fontSize: 7.5 },
      tileValue: { fontSize: 15, bold: true, margin: [0, 2, 0, 1] },
    },
  };
}

export async function renderPdf(model: ReportModel): Promise<Buffer> {
  return pdfBytes(definition(model));
}
