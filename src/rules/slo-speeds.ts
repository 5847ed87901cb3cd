import type { SloConfig } from "../config/alerting-schema.ts";
import { BURN_WINDOWS, burnFactor, errorBudget } from "./windows.ts";

// Burn speeds (multiples of the rate the error budget allows) for an SLO's generated
// promtool scenarios, each midway between the thresholds it must cross and those it must
// not, whatever the objective and period. Durations are in minutes.

export const HOUR = 60;
export const DAY = 24 * HOUR;
// The 3d ratio must stay under the slowest ticket while 6h burns above the slower page:
// that takes more than a day and a half of data, so the page scenario starts clean for two.
export const CLEAN = 2 * DAY;
// Long enough for the 5m, 30m and 1h windows to see only the eased burn; the fast hour and
// this stay within the last 6h.
export const EASED = 2 * HOUR;

export interface BurnSpeeds {
  /** The error budget as a ratio: 0.001 for 99.9%. */
  budget: number;
  /** For an hour after the clean days: the quick page pair burns, no ticket does. */
  fast: number;
  /** For EASED after the fast hour: only the slow page pair burns, still no ticket. */
  eased: number;
  /** For a day: a ticket opens, no page does. */
  slow: number;
}

/** A whole number strictly between lo and hi when one fits, else the midpoint. */
function between(lo: number, hi: number): number | undefined {
  if (!(lo < hi)) return undefined;
  const mid = (lo + hi) / 2;
  return Math.round(mid) > lo && Math.round(mid) < hi ? Math.round(mid) : mid;
}

export function burnSpeeds(slo: SloConfig): BurnSpeeds | { unsupported: string } {
  const budget = errorBudget(slo.objective);
  const [pageQuick, pageSlow, ticketQuick, ticketSlow] = BURN_WINDOWS.map((w) =>
    burnFactor(w, slo.period),
  ) as [number, number, number, number];
  // The day and 3d windows must stay under the tickets.
  const fast = between(pageQuick, Math.min(ticketQuick * 24, ticketSlow * 25));
  const slow = between(ticketQuick, pageSlow);
  if (fast === undefined || slow === undefined || fast * budget > 1)
    return { unsupported: `objective ${slo.objective}% leaves no room for a page to fire` };
  // Under the quick page's factor and over the slow one's, with 6h averaging above it
  // while 1d and all the data (the 3d window) average under the tickets' factors.
  const eased = between(
    Math.max(pageSlow, (6 * HOUR * pageSlow - HOUR * fast) / EASED),
    Math.min(
      pageQuick,
      (Math.min(DAY * ticketQuick, (CLEAN + HOUR + EASED) * ticketSlow) - HOUR * fast) / EASED,
    ),
  );
  if (eased === undefined)
    return { unsupported: `period ${slo.period} leaves no room for a page to ease` };
  return { budget, fast, eased, slow };
}
