import { renderCsv } from "./formats/csv.ts";
import { renderJson } from "./formats/json.ts";
import type { ReportModel } from "./model.ts";

// Every report format behind one call, so the CLI and the API offer exactly the same ones.
// The HTML, PDF and XLSX renderers pull in charting, PDF and zip libraries: they are loaded
// on first use, so no other command or request pays for them.

export interface RenderedReport {
  body: Buffer | string;
  contentType: string;
  extension: string;
}

interface Format {
  contentType: string;
  /** True when the bytes are not text: the CLI will not write them to a terminal. */
  binary: boolean;
  render(model: ReportModel): Promise<Buffer | string>;
}

export const REPORT_FORMATS = {
  html: {
    contentType: "text/html; charset=utf-8",
    binary: false,
    render: async (model) => (await import("./html/index.ts")).renderHtml(model),
  },
  pdf: {
    contentType: "application/pdf",
    binary: true,
    render: async (model) => (await import("./pdf/index.ts")).renderPdf(model),
  },
  xlsx: {
    contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    binary: true,
    render: async (model) => (await import("./formats/xlsx.ts")).renderXlsx(model),
  },
  csv: {
    contentType: "text/csv; charset=utf-8; header=present",
    binary: false,
    render: async (model) => renderCsv(model),
  },
  json: {
    contentType: "application/json; charset=utf-8",
    binary: false,
    render: async (model) => renderJson(model),
  },
} as const satisfies Record<string, Format>;

export type ReportFormat = keyof typeof REPORT_FORMATS;

export function isReportFormat(name: string): name is ReportFormat {
  return Object.hasOwn(REPORT_FORMATS, name);
}

export async function renderReport(
  model: ReportModel,
  format: ReportFormat,
): Promise<RenderedReport> {
  const f = REPORT_FORMATS[format];
  return { body: await f.render(model), contentType: f.contentType, extension: format };
}

/** "kpi-report-2026-Q3.pdf", "kpi-report-2026-Q3-payments.csv". */
export function reportFileName(model: ReportModel, format: ReportFormat): string {
  const team = model.scope.kind === "team" ? `-${model.scope.team}` : "";
  return `kpi-report-${model.quarter.id}${team}.${format}`.replace(/[^A-Za-z0-9._-]/g, "_");
}
