import { durationMs } from "../config/duration.ts";
import type { Severity } from "../vocabulary/alert-names.ts";
import { formatNumber } from "./promql.ts";

// Sloth's multiwindow, multi-burn-rate alerting (the SRE Workbook's table, and Sloth's
// default "google-30d" windows). Each pair alerts when both its long and its short window
// burn the error budget faster than `factor` times the sustainable rate; the factor is
// the budget share the long window may consume, scaled to the SLO period:
//   factor = budgetShare × period ÷ long   (30d: 0.02 × 720h ÷ 1h = 14.4)

/** Error-ratio recording windows: every short and long window of the pairs below. */
export const SLI_WINDOWS = ["5m", "30m", "1h", "2h", "6h", "1d", "3d"] as const;
export type SliWindow = (typeof SLI_WINDOWS)[number];

export interface BurnWindow {
  severity: Severity;
  short: SliWindow;
  long: SliWindow;
  /** Share of the period's error budget the long window consumes at the threshold. */
  budgetShare: number;
}

/** In Sloth's order: page quick, page slow, ticket quick, ticket slow. */
export const BURN_WINDOWS: readonly BurnWindow[] = [
  { severity: "page", short: "5m", long: "1h", budgetShare: 0.02 },
  { severity: "page", short: "30m", long: "6h", budgetShare: 0.05 },
  { severity: "ticket", short: "2h", long: "1d", budgetShare: 0.1 },
  { severity: "ticket", short: "6h", long: "3d", budgetShare: 0.1 },
];

const rawFactor = (window: BurnWindow, period: string) =>
  (window.budgetShare * durationMs(period)) / durationMs(window.long);

/** Burn-rate factor of a window pair for an SLO period: 14.4, 6, 3 and 1 for 30d. */
export function burnFactor(window: BurnWindow, period: string): number {
  return Number(formatNumber(rawFactor(window, period)));
}

/** Error budget of an objective in percent: 99.9 → 0.001. */
export function errorBudget(objectivePercent: number): number {
  return Number(formatNumber((100 - objectivePercent) / 100));
}

/** The error-ratio threshold of a pair: factor × budget (14.4 × 0.001 = 0.0144), rounded once. */
export function burnThreshold(window: BurnWindow, period: string, objective: number): number {
  return Number(formatNumber((rawFactor(window, period) * (100 - objective)) / 100));
}
