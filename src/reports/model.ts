// The quarterly report, renderer-neutral. build.ts fills it from the engine's own functions;
// every renderer (JSON, CSV, XLSX, HTML, PDF) reads only this, so all formats agree.
//
// Parts:
// - quarter: which calendar quarter (UTC), its bounds, the previous quarter, its months;
//   `toDate` when the quarter had not ended at the evaluation instant.
// - asOf / generatedAt: the instant the KPIs are evaluated at (the quarter's last
//   millisecond, or the evaluation instant for a quarter to date) and when the report was
//   made (the evaluation instant: --as-of when given, so output is reproducible).
// - scope: the organisation, or one team (`--team`).
// - summary: headline tiles, one KpiRow each.
// - sections: one per stakeholder (COO, CFO, CISO, CTO): KPI rows with the previous
//   quarter's value and the change, monthly trends, and a table of teams.
// - compliance: non-compliant production deployments of the quarter and what they missed.
// - dataQuality: unattributed cost, catalogue services without data, failed sources.
// - values: the raw KPI table behind all of the above, in long form: every value at every
//   scope shown (organisation and teams, or a team and its services) for the quarter, the
//   previous quarter and each month. CSV and the XLSX's raw sheet are this list.
// - definitions: the KPI definitions of METRICS.md, for the appendix.
//
// The compliance, data-quality, definitions and values types live in model-parts.ts and are
// re-exported here.
//
// A value is `null` where the engine exports no series (no samples in the window): never 0.
// Times are ISO-8601 UTC strings; values are plain numbers in their `unit`.

import type { ValueUnit } from "../vocabulary/kpi-catalogue.ts";
import type { ComplianceSection, DataQuality, Definitions, ReportValue } from "./model-parts.ts";
import type { LevelName } from "./value-types.ts";

export { formatChange, formatValue, LEVEL_NAMES } from "./format-value.ts";
export type {
  ComplianceSection,
  DataQuality,
  Definitions,
  FailedSource,
  KpiDefinition,
  LevelDefinition,
  MissedControl,
  NonCompliantDeployment,
  ReportValue,
  ServiceWithoutData,
  ValueScope,
} from "./model-parts.ts";

export type Stakeholder = "COO" | "CFO" | "CISO" | "CTO";
export const STAKEHOLDERS: readonly Stakeholder[] = ["COO", "CFO", "CISO", "CTO"];

export interface ReportQuarter {
  /** "2026-Q3". */
  id: string;
  /** First instant of the quarter, inclusive ("2026-07-01T00:00:00.000Z"). */
  start: string;
  /** First instant of the next quarter, exclusive ("2026-10-01T00:00:00.000Z"). */
  end: string;
  previousId: string;
  /** "2026-07", "2026-08", "2026-09". */
  months: string[];
  /** The quarter had not ended at the evaluation instant: values are quarter to date. */
  toDate: boolean;
}

export type ReportScope = { kind: "organisation" } | { kind: "team"; team: string };

export interface PerformanceLevel {
  /** The `metric` label of dora_performance_level: lead_time, deployment_frequency, ... */
  metric: string;
  /** 3 elite, 2 high, 1 medium, 0 low. */
  value: number;
  name: LevelName;
  /** The previous quarter's level, when it had one. */
  previous: number | null;
}

export interface KpiRow {
  /** Metric name from vocabulary/conventions.ts (dora_change_lead_time_seconds). */
  kpi: string;
  /** Human label ("Change lead time p50"). */
  label: string;
  /** Labels telling rows of one metric apart: quantile, severity, category, control, bound. */
  labels: Record<string, string>;
  value: number | null;
  unit: ValueUnit;
  previous: number | null;
  /** (value − previous) ÷ |previous|; null when either is null, or previous is 0 and value is not. */
  change: number | null;
  /** value − previous (ratios read better as percentage points). */
  delta: number | null;
  /** DORA performance level, for the four graded KPIs. */
  level?: PerformanceLevel;
}

export interface TrendPoint {
  /** "2026-07". */
  month: string;
  value: number | null;
}

export interface TrendSeries {
  kpi: string;
  label: string;
  labels: Record<string, string>;
  unit: ValueUnit;
  /** The quarter's months, each a one-month window ending at the month's end. */
  points: TrendPoint[];
  /** The previous quarter's months, likewise. */
  previousPoints: TrendPoint[];
}

export interface TeamColumn {
  kpi: string;
  label: string;
  labels: Record<string, string>;
  unit: ValueUnit;
}

export interface TeamRow {
  team: string;
  /** Set when the table lists services (a report scoped to one team). */
  service?: string;
  /** `values[i]` belongs to `columns[i]`. */
  values: Array<number | null>;
}

export interface TeamTable {
  /** Teams for an organisation report; the team's services for a team report. */
  by: "team" | "service";
  columns: TeamColumn[];
  /** Sorted by team, then service. */
  rows: TeamRow[];
}

export interface StakeholderSection {
  stakeholder: Stakeholder;
  title: string;
  /** One sentence: what this audience reads here. */
  summary: string;
  kpis: KpiRow[];
  trends: TrendSeries[];
  teams: TeamTable;
}

/** A compliance policy version that came into force in the quarter (contract §8.2). */
export interface PolicyChange {
  /** When it came into force. */
  at: string;
  /** `organisation` or `team/<name>`. */
  scope: string;
  /** The controls before and after, as `required_checks=[sast] change_approval=1`. */
  before: string;
  after: string;
  /** Its digest, as ledger records cite it. */
  policy: string;
  /** Set when it re-judged deployments that finished before it was first seen: why. */
  rejudges?: string;
}

export interface ReportModel {
  /** Version of this model's shape; renderers may check it. */
  schema: "kpi-exporter/report/v1";
  quarter: ReportQuarter;
  asOf: string;
  generatedAt: string;
  currency: string;
  scope: ReportScope;
  summary: KpiRow[];
  sections: StakeholderSection[];
  compliance: ComplianceSection;
  /** Policy changes within the quarter, oldest first (absent from models built before). */
  policyChanges?: PolicyChange[];
  dataQuality: DataQuality;
  definitions: Definitions;
  values: ReportValue[];
}
