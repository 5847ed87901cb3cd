import writeXlsxFile, { type Sheet } from "write-excel-file/node";
import type { ReportModel } from "../model.ts";
import {
  complianceSheet,
  dataQualitySheet,
  definitionsSheet,
  policyChangesSheet,
  rawSheet,
  sectionSheet,
  summarySheet,
} from "./xlsx-sheets.ts";
import { stampZipEntries } from "./zip-stamp.ts";

// The workbook: a summary, one sheet per stakeholder (COO, CFO, CISO, CTO), compliance,
// data quality, the raw KPI table ("KPIs", the CSV's rows with numbers as numbers) and the
// definitions. Written by write-excel-file: pure JavaScript, no native add-on.

const WIDE = [{ width: 38 }, { width: 22 }, { width: 16 }, { width: 14 }, { width: 16 }];

export async function renderXlsx(model: ReportModel): Promise<Buffer> {
  type Data = Sheet<never>["data"];
  const sheet = (name: string, data: Data, sticky = 0): Sheet<never> => ({
    sheet: name,
    data,
    columns: WIDE,
    ...(sticky > 0 && { stickyRowsCount: sticky }),
  });
  const sheets = [
    sheet("Summary", summarySheet(model)),
    ...model.sections.map((s) => sheet(s.stakeholder, sectionSheet(model, s))),
    sheet("Compliance", complianceSheet(model)),
    ...(model.policyChanges?.length ? [sheet("Policy changes", policyChangesSheet(model))] : []),
    sheet("Data quality", dataQualitySheet(model)),
    sheet("KPIs", rawSheet(model), 1),
    sheet("Definitions", definitionsSheet(model)),
  ];
  return stampZipEntries(await writeXlsxFile(sheets).toBuffer(), new Date(model.generatedAt));
}
