import { DAY_MS } from "../../config/duration.ts";
import type { KpiWindow } from "../../config/engine-config.ts";
import type { EpochMs } from "../../domain/records.ts";
import { iso, monthsOf, type Period, previousQuarter, type Quarter } from "../quarter.ts";
import { ReportRequestError } from "../request-error.ts";

// How a calendar period is evaluated with the engine, whose windows are (asOf − w, asOf]
// (METRICS.md): asOf is the period's last millisecond and w its length, so the window is
// exactly [start, end) at the store's millisecond resolution. A cost row dated at midnight
// on the first day of a quarter (a daily row, a monthly fee) thus counts in that quarter.
// A period still running at `now` is evaluated to date: asOf = now, window [start, now].
// So `serve --as-of 2026-09-30T23:59:59.999Z` with a `92d` window serves the numbers of the
// 2026-Q3 report on /api/v1/kpis.

export const TO_DATE = "to-date";

export interface Evaluation {
  period: Period;
  asOf: EpochMs;
  window: KpiWindow;
  toDate: boolean;
}

/** The evaluation of a period at `now`; undefined when it has not started. */
export function evaluationOf(period: Period, now: EpochMs): Evaluation | undefined {
  if (now < period.start) return undefined;
  // At its last millisecond a period is complete: nothing later can fall in it.
  if (now >= period.end - 1) {
    const ms = period.end - period.start;
    return {
      period,
      asOf: period.end - 1,
      window: { label: `${ms / DAY_MS}d`, ms },
      toDate: false,
    };
  }
  return toDate(period, now);
}

function toDate(period: Period, asOf: EpochMs): Evaluation {
  return { period, asOf, window: { label: TO_DATE, ms: asOf - period.start + 1 }, toDate: true };
}

export interface ReportPlan {
  quarter: Quarter;
  previous: Quarter;
  current: Evaluation;
  /** The previous quarter, in full; for a quarter to date, over as many days from its start. */
  before: Evaluation;
  /** One per month of the quarter; undefined for a month not started at `now`. */
  months: Array<Evaluation | undefined>;
  previousMonths: Evaluation[];
}

export function planReport(quarter: Quarter, now: EpochMs): ReportPlan {
  const current = evaluationOf(quarter, now);
  if (!current)
    throw new ReportRequestError(
      `quarter ${quarter.id} starts ${iso(quarter.start)}, after the evaluation instant ${iso(now)}: there is nothing to report yet`,
    );
  const previous = previousQuarter(quarter);
  // Quarter to date compares like with like: the same number of days into the previous one.
  const before = current.toDate
    ? toDate(previous, Math.min(previous.start + (now - quarter.start), previous.end - 1))
    : (evaluationOf(previous, now) as Evaluation);
  return {
    quarter,
    previous,
    current,
    before,
    months: monthsOf(quarter).map((m) => evaluationOf(m, now)),
    previousMonths: monthsOf(previous).map((m) => evaluationOf(m, now) as Evaluation),
  };
}
