import { errorMessage } from "../domain/error-message.ts";
import type { Logger } from "../logger.ts";
import type { Store } from "../store/store.ts";
import type { Collector, Progress } from "./collector.ts";
import type { CollectorHealth } from "./collector-health.ts";
import { ABORT_GRACE_MS, bounded, runSignal } from "./run-bounds.ts";
import { timeOrderedStore } from "./time-ordered-store.ts";
import { DEFAULT_REQUEST_TIMEOUT_MS } from "./upstream-fetch.ts";

// One timed, reported run of one collector: the same path for the scheduler and for
// `sync`. Errors are caught and reported, never thrown, so one source cannot stop another.

export interface RunOutcome {
  collector: string;
  ok: boolean;
  written: number;
  durationSeconds: number;
  error?: string;
}

export interface RunDeps {
  store: Store;
  self: CollectorHealth;
  logger: Logger;
  now(): number;
  progress?: (collector: string) => Progress | undefined;
  /** collector_timeouts.request and .run, in milliseconds. */
  timeouts?: { requestMs: number; runMs: number };
  /** Aborted when the process stops: every run in progress ends at once. */
  shutdown?: AbortSignal;
}

/** Kept for quarterly reports; a store that cannot take it must not turn one failure into two. */
async function recordFailure(deps: RunDeps, collector: string, message: string): Promise<void> {
  try {
    await deps.store.collectorFailures.record(collector, deps.now(), message);
  } catch (error) {
    deps.logger.warn("could not record the failed run", {
      collector,
      error: errorMessage(error),
    });
  }
}

export async function runCollector(collector: Collector, deps: RunDeps): Promise<RunOutcome> {
  const started = performance.now();
  const name = collector.name;
  const progress = deps.progress?.(name);
  const run = runSignal(deps);
  const limits = {
    signal: run.signal,
    requestMs: deps.timeouts?.requestMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
  };
  deps.self.collectorStarted(name, Date.now());
  let outcome: RunOutcome;
  try {
    const report = await bounded(
      () =>
        collector.run({
          store: timeOrderedStore(deps.store, name, deps.logger, (kind, reason) =>
            deps.self.rejected(kind, reason),
          ),
          logger: deps.logger,
          now: deps.now,
          ...(progress && { progress }),
          api: {
            request: (outcome) => deps.self.apiRequest(name, outcome),
            rateLimitRemaining: (remaining) => deps.self.rateLimitRemaining(name, remaining),
          },
          rejected: (kind, reason, n) => deps.self.rejected(kind, reason, n),
        }),
      limits,
      () =>
        deps.logger.warn("a stopped run is still winding down; the next one may overlap it", {
          collector: name,
          grace_s: ABORT_GRACE_MS / 1000,
        }),
    );
    const durationSeconds = (performance.now() - started) / 1000;
    outcome = { collector: name, ok: true, written: report.written, durationSeconds };
    deps.logger.info("collector run finished", {
      collector: name,
      written: report.written,
      summary: report.summary,
      seconds: durationSeconds.toFixed(1),
    });
  } catch (error) {
    const durationSeconds = (performance.now() - started) / 1000;
    const message = errorMessage(error);
    outcome = { collector: name, ok: false, written: 0, durationSeconds, error: message };
    deps.logger.error("collector run failed", { collector: name, error: message });
    // A run the shutdown stopped did not fail: the next start resumes from its cursors.
    if (!deps.shutdown?.aborted) await recordFailure(deps, name, message);
  }
  run.clear();
  deps.self.collectorRun(name, {
    ok: outcome.ok,
    durationSeconds: outcome.durationSeconds,
    finishedAt: Date.now(),
  });
  return outcome;
}
