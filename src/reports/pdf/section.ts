import type { Content, TableCell } from "pdfmake";
import { CHART_HEIGHT, CHART_WIDTH, sectionCharts } from "../charts/index.ts";
import {
  formatValue,
  type ReportModel,
  type StakeholderSection,
  type TeamTable,
} from "../model.ts";
import { sectionHeading, sectionId } from "../view/headlines.ts";
import {
  COLOURS,
  changeCell,
  dataTable,
  heading,
  levelText,
  numberCell,
  type PdfColumn,
  valueText,
} from "./blocks.ts";

// A stakeholder's section on its own pages: KPIs against the previous quarter, the same
// trend charts as the HTML (the SVG drawn as vectors), then the team table.

const CHART_GAP = 11;
export const CONTENT_WIDTH = 515;
const CHART_PDF_WIDTH = (CONTENT_WIDTH - CHART_GAP) / 2;

function kpiTable(model: ReportModel, section: StakeholderSection): Content {
  const hasLevels = section.kpis.some((row) => row.level);
  const rows = section.kpis.map((row): TableCell[] => [
    { text: row.label },
    numberCell(valueText(row, model.currency)),
    numberCell(formatValue(row.previous, row.unit, model.currency), { color: COLOURS.muted }),
    changeCell(row),
    ...(hasLevels ? [levelText(row.level)] : []),
  ]);
  return dataTable(
    [
      { title: "KPI", width: "*" },
      { title: model.quarter.id, width: 70, numeric: true },
      { title: model.quarter.previousId, width: 70, numeric: true },
      { title: "Change", width: 62, numeric: true },
      ...(hasLevels ? [{ title: "DORA level", width: 88 }] : []),
    ],
    rows,
  );
}

function charts(model: ReportModel, section: StakeholderSection): Content[] {
  const rendered = sectionCharts(model, section);
  if (rendered.length === 0) return [];
  const pairs: Content[] = [];
  for (let i = 0; i < rendered.length; i += 2) {
    const columns: PdfColumn[] = rendered.slice(i, i + 2).map((chart) => ({
      svg: chart.svg,
      width: CHART_PDF_WIDTH,
      height: (CHART_PDF_WIDTH * CHART_HEIGHT) / CHART_WIDTH,
    }));
    pairs.push({ columns, columnGap: CHART_GAP, margin: [0, 0, 0, 8], unbreakable: true });
  }
  return [{ text: "Monthly trends", style: "h3" }, ...pairs];
}

export function teamTable(model: ReportModel, table: TeamTable): Content {
  if (table.rows.length === 0) return { text: "No team has data this quarter.", italics: true };
  const rows = table.rows.map((row): TableCell[] => [
    { text: row.service ?? row.team },
    ...row.values.map((value, index) =>
      numberCell(formatValue(value, table.columns[index]?.unit ?? "count", model.currency)),
    ),
  ]);
  return dataTable(
    [
      { title: table.by === "team" ? "Team" : "Service", width: 100 },
      ...table.columns.map((column) => ({
        title: column.label,
        width: "*" as const,
        numeric: true,
      })),
    ],
    rows,
  );
}

export function stakeholderSection(model: ReportModel, section: StakeholderSection): Content[] {
  return [
    heading(sectionHeading(section), sectionId(section.stakeholder), { newPage: true }),
    { text: section.summary, margin: [0, 0, 0, 6] },
    kpiTable(model, section),
    ...charts(model, section),
    { text: section.teams.by === "team" ? "By team" : "By service", style: "h3" },
    teamTable(model, section.teams),
  ];
}
