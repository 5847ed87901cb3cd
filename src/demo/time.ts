import { DAY_MS } from "../config/duration.ts";
import type { EpochMs } from "../domain/records.ts";

// Calendar helpers for the demo organisation, which works Monday to Friday in UTC.

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = DAY_MS;

export function startOfDay(t: EpochMs): EpochMs {
  return t - (((t % DAY) + DAY) % DAY);
}

export function isWorkday(t: EpochMs): boolean {
  const weekday = new Date(t).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

export function weekday(t: EpochMs): number {
  return new Date(t).getUTCDay();
}

/** ISO-8601 in UTC to the second, as the import format expects (`2026-06-30T09:15:00Z`). */
export function iso(t: EpochMs): string {
  return new Date(Math.floor(t / 1000) * 1000).toISOString().replace(".000Z", "Z");
}

/** `2026-06-30`, for readable ids of daily rows. */
export function isoDate(t: EpochMs): string {
  return new Date(t).toISOString().slice(0, 10);
}

/** The span the demo covers: `days` before asOf, up to asOf. */
export interface DemoSpan {
  start: EpochMs;
  asOf: EpochMs;
}
