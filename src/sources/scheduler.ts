import type { Collector } from "./collector.ts";
import { type RunDeps, type RunOutcome, runCollector } from "./run-collector.ts";

// Runs each collector on its own interval, with jitter so replicas and sources do not hit
// APIs in lockstep. A collector never overlaps itself; a nudge (a webhook arrived) runs it
// soon instead of waiting out its interval.

export interface SchedulerOptions {
  /** Fraction of the interval added at random, default 0.1. */
  jitter?: number;
  /** Called after every run that wrote records (refresh the snapshot). */
  onWritten?: (outcome: RunOutcome) => Promise<void> | void;
  random?: () => number;
}

interface Slot {
  collector: Collector;
  timer?: NodeJS.Timeout;
  /** When the pending timer fires (performance.now() time). */
  dueAt?: number;
  running?: Promise<void>;
  again: boolean;
}

export class Scheduler {
  readonly #slots: Slot[];
  readonly #deps: RunDeps;
  readonly #options: SchedulerOptions;
  #stopped = false;
  #shutdown = new AbortController();

  constructor(collectors: readonly Collector[], deps: RunDeps, options: SchedulerOptions = {}) {
    this.#slots = collectors.map((collector) => ({ collector, again: false }));
    this.#deps = deps;
    this.#options = options;
  }

  /** What each run gets: the process's dependencies and this scheduler's shutdown signal. */
  get #runDeps(): RunDeps {
    return { ...this.#deps, shutdown: this.#shutdown.signal };
  }

  /** Starts every collector now (first runs backfill), then on its interval. */
  start(): void {
    // A replica that lost the lead and regained it starts again.
    this.#stopped = false;
    if (this.#shutdown.signal.aborted) this.#shutdown = new AbortController();
    this.#deps.self.collectorsStarted(this.#names());
    for (const slot of this.#slots) this.#schedule(slot, 0);
  }

  /**
   * Runs a collector within `delayMs`, coalescing bursts: a nudge never postpones a run
   * already due sooner, so a steady stream of webhooks cannot starve the poll.
   */
  nudge(name: string, delayMs = 5_000): void {
    const slot = this.#slots.find((s) => s.collector.name === name);
    if (!slot || this.#stopped) return;
    if (slot.running) slot.again = true;
    else if (slot.dueAt === undefined || slot.dueAt > performance.now() + delayMs)
      this.#schedule(slot, delayMs);
  }

  /**
   * Stops scheduling and aborts the runs in progress (their requests end, their cursors stay
   * where the last finished unit left them); waits up to `graceMs` for them to wind down.
   */
  async stop(graceMs = 10_000): Promise<void> {
    this.#stopped = true;
    this.#shutdown.abort(new Error("stopped: the exporter is shutting down or no longer leads"));
    for (const slot of this.#slots) clearTimeout(slot.timer);
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, graceMs);
    });
    await Promise.race([Promise.all(this.#slots.map((s) => s.running)), grace]);
    clearTimeout(timer);
    this.#deps.self.collectorsStopped(this.#names());
  }

  #names(): string[] {
    return this.#slots.map((slot) => slot.collector.name);
  }

  #schedule(slot: Slot, delayMs: number): void {
    clearTimeout(slot.timer);
    slot.dueAt = performance.now() + delayMs;
    slot.timer = setTimeout(() => {
      slot.dueAt = undefined;
      slot.running = this.#run(slot).finally(() => {
        slot.running = undefined;
      });
    }, delayMs);
    slot.timer.unref();
  }

  async #run(slot: Slot): Promise<void> {
    if (this.#stopped) return;
    const outcome = await runCollector(slot.collector, this.#runDeps);
    if (outcome.written > 0) await this.#options.onWritten?.(outcome);
    // A run that outlived stop()'s grace reports into a process no longer running it.
    if (this.#stopped) return this.#deps.self.collectorsStopped([slot.collector.name]);
    const random = this.#options.random ?? Math.random;
    const interval = slot.collector.intervalMs;
    const next = slot.again ? 0 : interval + random() * interval * (this.#options.jitter ?? 0.1);
    slot.again = false;
    this.#schedule(slot, next);
  }
}
