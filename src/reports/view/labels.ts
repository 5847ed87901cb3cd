import type { ReportModel } from "../model.ts";
import type { LevelName } from "../value-types.ts";

// Words and colours the HTML and the PDF share, so both read alike.

/** DORA level colours, as on the dashboards (decision 90). */
export const LEVEL_COLOURS: Record<LevelName, string> = {
  elite: "#0b6e2f",
  high: "#3c9d47",
  medium: "#d97a00",
  low: "#c62828",
};

export const TONE_COLOURS = { good: "#1e7b34", bad: "#c62828", neutral: "#5b6270" } as const;

const CONTROL_NAMES: Record<string, string> = {
  required_checks: "Required checks",
  change_approval: "Change approval",
  deployment_approval: "Deployment approval",
  linked_ticket: "Linked ticket",
};

export function controlName(control: string): string {
  return CONTROL_NAMES[control] ?? control;
}

/** The compliance section's two groups: evidence showed a failure, or evidence is missing. */
export const MISSED_GROUPS = [
  { verdict: "fail", title: "Failed controls" },
  { verdict: "not_evaluable", title: "Not evaluable: evidence missing" },
] as const;

/** "Change approval" for a failed control, "Change approval (not evaluable)" otherwise. */
export function missedName(missed: { control: string; verdict: string }): string {
  const name = controlName(missed.control);
  return missed.verdict === "not_evaluable" ? `${name} (not evaluable)` : name;
}

/** "2026-08-14 13:05 UTC" from an ISO-8601 instant. */
export function formatInstant(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

export function scopeName(model: ReportModel): string {
  return model.scope.kind === "organisation" ? "Organisation" : `Team ${model.scope.team}`;
}

export function reportTitle(model: ReportModel): string {
  return `Quarterly business review ${model.quarter.id}`;
}

/** The line under the title: scope, whether the quarter is complete, the evaluation instant. */
export function reportSubtitle(model: ReportModel): string {
  const period = model.quarter.toDate ? "quarter to date" : "full quarter";
  return `${scopeName(model)} · ${period} · KPIs as of ${formatInstant(model.asOf)} · amounts in ${model.currency}`;
}
