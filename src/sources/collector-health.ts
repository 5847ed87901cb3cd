import type { ApiOutcome } from "../vocabulary/api-outcomes.ts";

// What collector runs report about themselves, as the exporter's self-metrics
// (kpi_exporter_collector_*, api_requests_total, rejected_records_total) record it. Declared
// here, where it is used, so the sources need nothing of the HTTP layer that serves it.

export interface CollectorRun {
  ok: boolean;
  durationSeconds: number;
  /** Epoch milliseconds when the run ended. */
  finishedAt: number;
}

export interface CollectorHealth {
  /** Configured collectors: each has its series from the first second, `up` 0 until a run. */
  collectorsStarted(collectors: readonly string[]): void;
  collectorsStopped(collectors: readonly string[]): void;
  collectorStarted(collector: string, at: number): void;
  collectorRun(collector: string, run: CollectorRun): void;
  apiRequest(collector: string, outcome: ApiOutcome, n?: number): void;
  rateLimitRemaining(collector: string, remaining: number): void;
  rejected(kind: string, reason: string, n?: number): void;
}
