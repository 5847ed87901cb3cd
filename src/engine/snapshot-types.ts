import type { EpochMs } from "../domain/records.ts";

/** One exported value: a metric name from vocabulary/conventions.ts, its labels and value. */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** Every KPI at every scope and window, computed at `asOf`. */
export interface KpiSnapshot {
  asOf: EpochMs;
  samples: Sample[];
}
