import type { ValueUnit } from "../vocabulary/kpi-catalogue.ts";

// The report model's compliance, data-quality, appendix and raw-value parts (model.ts
// describes them all and re-exports these types).

/** A control a deployment did not pass: evidence showed it failed, or evidence is missing. */
export type MissedVerdict = "fail" | "not_evaluable";

export interface MissedControl {
  /** required_checks, change_approval, deployment_approval, linked_ticket. */
  control: string;
  verdict: MissedVerdict;
  reason: string;
}

export interface NonCompliantDeployment {
  id: string;
  service: string;
  team: string;
  finishedAt: string;
  /** `fail` when any control failed; `not_evaluable` when only evidence is missing. */
  verdict: MissedVerdict;
  missed: MissedControl[];
}

export interface ComplianceSection {
  /** Controls enabled anywhere in scope, in the contract's order. */
  controls: string[];
  productionDeployments: number;
  compliantDeployments: number;
  /** Non-compliant deployments with a failed control. */
  failedDeployments: number;
  /** Non-compliant deployments with no failed control, only missing evidence. */
  notEvaluableDeployments: number;
  /** Newest first. */
  nonCompliant: NonCompliantDeployment[];
}

export interface ServiceWithoutData {
  team: string;
  service: string;
}

export interface FailedSource {
  /** Collector name, as the `collector` label of the self-metrics. */
  collector: string;
  failedRuns: number;
  lastFailureAt: string;
  lastError: string;
}

export interface DataQuality {
  /** Unattributed ÷ all cost in the quarter (organisation scope); null without cost rows. */
  unattributedCostShare: number | null;
  unattributedCost: number | null;
  /** Catalogue services with no deployment, change, incident, finding or cost in the quarter. */
  servicesWithoutData: ServiceWithoutData[];
  /** Collectors with at least one failed run during the quarter. */
  failedSources: FailedSource[];
  /** Plain sentences a reader should know (e.g. how failures are recorded). */
  notes: string[];
}

export interface KpiDefinition {
  metric: string;
  /** As written in METRICS.md ("seconds", "ratio 0–1"). */
  unit: string;
  /** METRICS.md's formula, in inline Markdown (`code`, **bold**). */
  formula: string;
}

export interface LevelDefinition {
  metric: string;
  elite: string;
  high: string;
  medium: string;
  low: string;
}

export interface Definitions {
  /** The "evaluation clock, windows and scopes" bullets, in inline Markdown (`code`, **bold**). */
  clock: string[];
  kpis: KpiDefinition[];
  levels: LevelDefinition[];
}

export type ValueScope = "organisation" | "team" | "service";

/**
 * One value of the raw KPI table; equal to the /api/v1/kpis sample of its window and labels
 * at its asOf. Only values that exist are listed: no samples, no entry (never 0).
 */
export interface ReportValue {
  kpi: string;
  scope: ValueScope;
  team?: string;
  service?: string;
  /** Labels other than window, team and service (quantile, severity, currency, ...). */
  labels: Record<string, string>;
  /** The quarter's id, the previous quarter's id, or a month ("2026-07"). */
  period: string;
  /** The engine window the value was computed in ("92d"; "to-date" for a running period). */
  window: string;
  /** The evaluation instant of that window, ISO-8601. */
  asOf: string;
  value: number;
  unit: ValueUnit;
}
