import { iso } from "../domain/instant.ts";
import type { EpochMs } from "../domain/records.ts";
import { ReportRequestError } from "./request-error.ts";

// Calendar quarters and months in UTC. A period is the half-open interval [start, end):
// its end is the first instant of the next period, so consecutive periods tile time.

export interface Period {
  /** "2026-Q3" or "2026-07". */
  id: string;
  start: EpochMs;
  /** Exclusive: the first instant of the next period. */
  end: EpochMs;
}

export interface Quarter extends Period {
  year: number;
  /** 1–4. */
  quarter: number;
}

const QUARTER_ID = /^(\d{4})-?Q([1-4])$/i;

/** A quarter from its id, "2026-Q3" (also "2026Q3", any case); the error names the input. */
export function parseQuarter(text: string): Quarter {
  const match = QUARTER_ID.exec(text.trim());
  if (!match)
    throw new ReportRequestError(
      `quarter: expected a quarter such as 2026-Q3 (year, then Q1–Q4), got "${text}"`,
    );
  const year = Number(match[1]);
  if (year < 1970) throw new ReportRequestError(`quarter: ${text} is before 1970`);
  return quarterOf(year, Number(match[2]));
}

export function quarterOf(year: number, quarter: number): Quarter {
  return {
    id: `${year}-Q${quarter}`,
    year,
    quarter,
    start: Date.UTC(year, (quarter - 1) * 3, 1),
    end: Date.UTC(year, quarter * 3, 1),
  };
}

/** The quarter holding instant t. */
export function quarterAt(t: EpochMs): Quarter {
  const date = new Date(t);
  return quarterOf(date.getUTCFullYear(), Math.floor(date.getUTCMonth() / 3) + 1);
}

export function previousQuarter(q: Quarter): Quarter {
  return q.quarter === 1 ? quarterOf(q.year - 1, 4) : quarterOf(q.year, q.quarter - 1);
}

/** The quarter's three months, in order. */
export function monthsOf(q: Quarter): Period[] {
  return [0, 1, 2].map((i) => {
    const month = (q.quarter - 1) * 3 + i;
    return {
      id: `${q.year}-${String(month + 1).padStart(2, "0")}`,
      start: Date.UTC(q.year, month, 1),
      end: Date.UTC(q.year, month + 1, 1),
    };
  });
}

export { iso };
