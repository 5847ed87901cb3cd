import { DAY_MS } from "../config/duration.ts";
import type { KpiWindow } from "../config/engine-config.ts";
import type { EpochMs } from "../domain/records.ts";

// A window w is the half-open interval (asOf − w, asOf]; an item belongs to it by its
// defining instant.

export function inWindow(t: EpochMs, asOf: EpochMs, window: KpiWindow): boolean {
  return t > asOf - window.ms && t <= asOf;
}

export function windowDays(window: KpiWindow): number {
  return window.ms / DAY_MS;
}
