import type { ConfigFile } from "../config/schema.ts";
import { type RunLimits, withinRun } from "./upstream-fetch.ts";

// How long a collector run may take, and how it ends when it may not go on: a run timeout
// or the process stopping aborts every request of the run, and the run is given a moment
// to wind down before it is reported stopped (decision 153).

/**
 * A run's bound when no config gives one (the schema's default for collector_timeouts.run):
 * a first run backfills history, later ones take minutes.
 */
export const DEFAULT_RUN_TIMEOUT_MS = 30 * 60_000;

/** The configured timeouts, in milliseconds. */
export function runTimeouts(config: ConfigFile): { requestMs: number; runMs: number } {
  return {
    requestMs: config.collector_timeouts.request,
    runMs: config.collector_timeouts.run,
  };
}

/** The run's signal: out of time, or the process stopping, whichever comes first. */
export function runSignal(deps: { timeouts?: { runMs: number }; shutdown?: AbortSignal }): {
  signal: AbortSignal;
  clear(): void;
} {
  const runMs = deps.timeouts?.runMs ?? DEFAULT_RUN_TIMEOUT_MS;
  const outOfTime = new AbortController();
  const timer = setTimeout(
    () =>
      outOfTime.abort(
        new Error(`the run took longer than ${runMs / 1000} s (collector_timeouts.run)`),
      ),
    runMs,
  );
  const signal = deps.shutdown
    ? AbortSignal.any([outOfTime.signal, deps.shutdown])
    : outOfTime.signal;
  return { signal, clear: () => clearTimeout(timer) };
}

/**
 * After an abort, how long the run may take to wind down (its requests fail at once; a
 * unit in progress finishes its store write) before it is reported stopped regardless.
 */
export const ABORT_GRACE_MS = 5_000;

/**
 * Settles with the run; when the signal aborts first, waits for the run to wind down (at
 * most ABORT_GRACE_MS) and rejects with the abort's reason. Waiting keeps the scheduler
 * from starting the next run of a collector, or closing the store, under one still
 * writing; a run that ignores the abort past the grace is left behind, logged.
 */
export function bounded<T>(
  run: () => Promise<T>,
  limits: RunLimits,
  onLeftBehind: () => void,
): Promise<T> {
  const { signal } = limits;
  if (signal.aborted) return Promise.reject(signal.reason);
  const running = withinRun(limits, run);
  return new Promise<T>((resolve, reject) => {
    const abort = () => {
      let timer: NodeJS.Timeout | undefined;
      const grace = new Promise<boolean>((r) => {
        timer = setTimeout(() => r(false), ABORT_GRACE_MS);
      });
      const settled = running.then(
        () => true,
        () => true,
      );
      void Promise.race([settled, grace]).then((done) => {
        clearTimeout(timer);
        if (!done) onLeftBehind();
        reject(signal.reason);
      });
    };
    signal.addEventListener("abort", abort, { once: true });
    // Once aborted, the abort decides the outcome, however the run then ends.
    running
      .then(
        (value) => signal.aborted || resolve(value),
        (error) => signal.aborted || reject(error),
      )
      .finally(() => signal.removeEventListener("abort", abort));
  });
}
