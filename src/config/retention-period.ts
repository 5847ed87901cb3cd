import { DAY_MS, parseDuration } from "./duration.ts";

// How long something is kept: `7y` is seven calendar years (a record of 29 February is
// kept until 1 March, seven years on), any other duration (`2555d`, `52w`) is exact. The
// law counts years, not 365-day blocks, so years are not converted to milliseconds.

export type RetentionPeriod = { years: number } | { ms: number };

const YEARS = /^(\d+)y$/;

export function parseRetentionPeriod(text: string): RetentionPeriod | undefined {
  const years = YEARS.exec(text);
  if (years) return { years: Number(years[1]) };
  const ms = parseDuration(text);
  return ms === undefined ? undefined : { ms };
}

/** The instant `period` after `at`. */
export function after(at: number, period: RetentionPeriod): number {
  if ("ms" in period) return at + period.ms;
  const date = new Date(at);
  date.setUTCFullYear(date.getUTCFullYear() + period.years);
  return date.getTime();
}

/**
 * The horizon `period` before `at`: an instant t is past its retention at `at` exactly
 * when t is before the horizon, that is when after(t, period) ≤ at.
 */
export function before(at: number, period: RetentionPeriod): number {
  if ("ms" in period) return at - period.ms;
  const date = new Date(at);
  const day = date.getUTCDate();
  date.setUTCFullYear(date.getUTCFullYear() - period.years);
  // From 29 February into a year without one: every instant up to the end of 28 February
  // reaches `at` or earlier, and 1 March is kept until 1 March.
  if (date.getUTCDate() !== day) return Date.UTC(date.getUTCFullYear(), 2, 1);
  return date.getTime();
}

// N calendar years hold 365·N days plus their 29 Februaries: at most ceil(N/4) of them, and
// at least floor(N/4) − 1 (a century year such as 2100 has none).
const leastDays = (years: number) => 365 * years + Math.max(0, Math.floor(years / 4) - 1);
const mostDays = (years: number) => 365 * years + Math.ceil(years / 4);

/** True when `longer` keeps at least as long as `shorter`, from any instant. */
export function keepsAtLeast(longer: RetentionPeriod, shorter: RetentionPeriod): boolean {
  if ("years" in longer && "years" in shorter) return longer.years >= shorter.years;
  const least = (p: RetentionPeriod) => ("years" in p ? leastDays(p.years) * DAY_MS : p.ms);
  const most = (p: RetentionPeriod) => ("years" in p ? mostDays(p.years) * DAY_MS : p.ms);
  return least(longer) >= most(shorter);
}
