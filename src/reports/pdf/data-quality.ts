import type { Content, TableCell } from "pdfmake";
import { formatValue, type ReportModel } from "../model.ts";
import { formatInstant } from "../view/labels.ts";
import { dataTable, heading, numberCell } from "./blocks.ts";

// What the numbers may be missing: cost no service carries, catalogue services that sent
// nothing, and sources whose collection failed during the quarter.

function orNone(rows: TableCell[][], none: string, table: () => Content): Content {
  return rows.length === 0 ? { text: none, italics: true, margin: [0, 0, 0, 8] } : table();
}

export function dataQualitySection(model: ReportModel): Content[] {
  const quality = model.dataQuality;
  const share = formatValue(quality.unattributedCostShare, "ratio", model.currency);
  const amount = formatValue(quality.unattributedCost, "currency", model.currency);
  const services = quality.servicesWithoutData.map((item): TableCell[] => [
    { text: item.team },
    { text: item.service },
  ]);
  const sources = quality.failedSources.map((source): TableCell[] => [
    { text: source.collector },
    numberCell(String(source.failedRuns)),
    { text: formatInstant(source.lastFailureAt) },
    { text: source.lastError },
  ]);
  return [
    heading("Data quality", "data-quality", { newPage: true }),
    {
      text: [
        "Unattributed cost: ",
        { text: share, bold: true },
        ` of the quarter's cost (${amount}).`,
      ],
      margin: [0, 0, 0, 6],
    },
    { text: "Services without data", style: "h3" },
    orNone(services, "Every catalogue service has data this quarter.", () =>
      dataTable(
        [
          { title: "Team", width: 180 },
          { title: "Service", width: "*" },
        ],
        services,
      ),
    ),
    { text: "Sources that failed during the quarter", style: "h3" },
    orNone(sources, "No source failed during the quarter.", () =>
      dataTable(
        [
          { title: "Source", width: 80 },
          { title: "Failed runs", width: 50, numeric: true },
          { title: "Last failure", width: 100 },
          { title: "Last error", width: "*" },
        ],
        sources,
      ),
    ),
    ...(quality.notes.length > 0
      ? [{ text: "Notes", style: "h3" }, { ul: quality.notes.map((note) => ({ text: note })) }]
      : []),
  ];
}
