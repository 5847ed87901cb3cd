import type { Row, SheetData } from "write-excel-file/node";
import { formatValue } from "../format-value.ts";
import type { ReportModel, StakeholderSection } from "../model.ts";
import { LONG_FORM_COLUMNS } from "./csv.ts";
import {
  bold,
  KPI_HEADER,
  kpiRowCells,
  labelsText,
  numberCell,
  title,
  UNIT_TEXT,
} from "./xlsx-cells.ts";

// One sheet's rows each: the summary, a stakeholder's section, compliance, data quality,
// the raw KPI table and the definitions.

function scopeText(model: ReportModel): string {
  return model.scope.kind === "team" ? `team ${model.scope.team}` : "organisation";
}

export function summarySheet(model: ReportModel): SheetData {
  const q = model.quarter;
  return [
    [title(`KPI report ${q.id}${q.toDate ? " (to date)" : ""}, ${scopeText(model)}`)],
    ["Quarter", `${q.start} to ${q.end} (end exclusive)`],
    ["Evaluated at (asOf)", model.asOf],
    ["Generated at", model.generatedAt],
    ["Compared with", q.previousId],
    ["Currency", model.currency],
    [],
    KPI_HEADER,
    ...model.summary.map((row) => kpiRowCells(row, model.currency)),
  ];
}

export function sectionSheet(model: ReportModel, section: StakeholderSection): SheetData {
  const months = section.trends[0]
    ? [...section.trends[0].previousPoints, ...section.trends[0].points].map((p) => p.month)
    : [];
  const byService = section.teams.by === "service";
  const rows: Row[] = [
    [title(`${section.stakeholder}: ${section.title}`)],
    [section.summary],
    [],
    KPI_HEADER,
    ...section.kpis.map((row) => kpiRowCells(row, model.currency)),
    [],
    [bold("Monthly trend"), bold("Series"), ...months.map(bold)],
    ...section.trends.map(
      (t): Row => [
        t.label,
        labelsText(t.labels),
        ...[...t.previousPoints, ...t.points].map((p) => numberCell(p.value, t.unit)),
      ],
    ),
    [],
    [
      bold("Team"),
      ...(byService ? [bold("Service")] : []),
      ...section.teams.columns.map((c) => bold(c.label)),
    ],
    ...section.teams.rows.map(
      (r): Row => [
        r.team,
        ...(byService ? [r.service ?? ""] : []),
        ...r.values.map((v, i) => numberCell(v, section.teams.columns[i]?.unit ?? "count")),
      ],
    ),
  ];
  return rows;
}

export function complianceSheet(model: ReportModel): SheetData {
  const c = model.compliance;
  return [
    [title("Compliance: non-compliant production deployments")],
    ["Controls enabled", c.controls.join(", ") || "none"],
    ["Production deployments", c.productionDeployments],
    ["Compliant deployments", c.compliantDeployments],
    ["Failed a control", c.failedDeployments],
    ["Not evaluable (evidence missing)", c.notEvaluableDeployments],
    [],
    ["Deployment", "Service", "Team", "Finished at", "Control", "Reason", "Verdict"].map(bold),
    ...c.nonCompliant.flatMap((d) =>
      d.missed.map(
        (m): Row => [d.id, d.service, d.team, d.finishedAt, m.control, m.reason, m.verdict],
      ),
    ),
  ];
}

export function policyChangesSheet(model: ReportModel): SheetData {
  return [
    [title("Compliance policy changes in the quarter")],
    ["In force from", "Scope", "Controls before", "Controls after", "Judges", "Policy"].map(bold),
    ...(model.policyChanges ?? []).map(
      (c): Row => [
        c.at,
        c.scope,
        c.before,
        c.after,
        c.rejudges ?? "from this instant on",
        c.policy,
      ],
    ),
  ];
}

export function dataQualitySheet(model: ReportModel): SheetData {
  const q = model.dataQuality;
  return [
    [title("Data quality")],
    ["Unattributed cost share", numberCell(q.unattributedCostShare, "ratio")],
    ["Unattributed cost", formatValue(q.unattributedCost, "currency", model.currency)],
    [],
    [bold("Services without data"), bold("Team")],
    ...q.servicesWithoutData.map((s): Row => [s.service, s.team]),
    [],
    ["Failed source", "Failed runs", "Last failure", "Last error"].map(bold),
    ...q.failedSources.map((s): Row => [s.collector, s.failedRuns, s.lastFailureAt, s.lastError]),
    [],
    [bold("Notes")],
    ...q.notes.map((n): Row => [n]),
  ];
}

export const RAW_HEADER = [...LONG_FORM_COLUMNS, "labels", "period", "window", "as_of"];

export function rawSheet(model: ReportModel): SheetData {
  return [
    RAW_HEADER.map(bold),
    ...model.values.map(
      (v): Row => [
        v.kpi,
        v.scope,
        v.team ?? null,
        v.service ?? null,
        { value: v.value, type: Number },
        v.unit === "currency" ? model.currency : UNIT_TEXT[v.unit],
        labelsText(v.labels),
        v.period,
        v.window,
        v.asOf,
      ],
    ),
  ];
}

export function definitionsSheet(model: ReportModel): SheetData {
  const d = model.definitions;
  return [
    [title("Definitions (METRICS.md)")],
    ...d.clock.map((line): Row => [line]),
    [],
    ["Metric", "Unit", "Formula"].map(bold),
    ...d.kpis.map((k): Row => [k.metric, k.unit, k.formula]),
    [],
    ["Performance level", "Elite (3)", "High (2)", "Medium (1)", "Low (0)"].map(bold),
    ...d.levels.map((l): Row => [l.metric, l.elite, l.high, l.medium, l.low]),
  ];
}
