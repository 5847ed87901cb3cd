import type { ReportModel } from "../reports/model.ts";

/** Builds the report model of a quarter, for the organisation or one team. */
export type ReportBuilder = (request: { quarter: string; team?: string }) => Promise<ReportModel>;

// Report builds for the API (METRICS.md decision 117). A build loads the whole store and
// runs the engine eight times on serve's event loop, between scrapes: one runs at a time,
// a few more wait their turn, and beyond that the client is told to come back (503). Built
// models are kept for a short while, so the PDF, the XLSX and the CSV of one quarter, or
// a dashboard's repeated link, cost one build.

export const REPORT_LIMITS = {
  /** Requests waiting for their turn beyond the one being built; one more is refused. */
  maxWaiting: 4,
  /** Models kept, least recently used dropped first. */
  cacheSize: 8,
  /** How long a kept model is served: its asOf is at most this old under the wall clock. */
  ttlMs: 60_000,
  retryAfterSeconds: 10,
};

export class ReportsBusyError extends Error {
  readonly retryAfterSeconds = REPORT_LIMITS.retryAfterSeconds;
  constructor() {
    super(
      `${REPORT_LIMITS.maxWaiting} reports are already waiting to be built; try again in ${REPORT_LIMITS.retryAfterSeconds} s`,
    );
  }
}

export interface ReportBuildsOptions {
  build: ReportBuilder;
  /** Changes whenever the stored data may have: the served snapshot's refresh time. */
  dataVersion: () => number | undefined;
  /** The wall clock, for the time to live. */
  now?: () => number;
}

export class ReportBuilds {
  readonly #options: ReportBuildsOptions;
  /** Settles when the build before the next one has finished. */
  #turn: Promise<unknown> = Promise.resolve();
  #waiting = 0;
  readonly #pending = new Map<string, Promise<ReportModel>>();
  readonly #kept = new Map<string, { model: ReportModel; builtAt: number }>();

  constructor(options: ReportBuildsOptions) {
    this.#options = options;
  }

  /** Requests queued behind the build in progress. */
  get waiting(): number {
    return this.#waiting;
  }

  /** A ReportBuilder: the kept model, the same request's build in progress, or a new one. */
  readonly build: ReportBuilder = (request) => {
    const key = JSON.stringify([request.quarter, request.team, this.#options.dataVersion()]);
    const now = (this.#options.now ?? Date.now)();
    const kept = this.#kept.get(key);
    if (kept && now - kept.builtAt < REPORT_LIMITS.ttlMs) {
      this.#kept.delete(key); // re-inserted last: the most recently used
      this.#kept.set(key, kept);
      return Promise.resolve(kept.model);
    }
    const pending = this.#pending.get(key);
    if (pending) return pending;
    if (this.#waiting >= REPORT_LIMITS.maxWaiting) return Promise.reject(new ReportsBusyError());
    this.#waiting++;
    const job = this.#turn.then(() => {
      this.#waiting--;
      return this.#options.build(request);
    });
    this.#turn = job.catch(() => undefined);
    this.#pending.set(key, job);
    job
      .then(
        (model) => this.#keep(key, model, now),
        () => undefined,
      )
      .finally(() => this.#pending.delete(key));
    return job;
  };

  #keep(key: string, model: ReportModel, builtAt: number): void {
    this.#kept.delete(key);
    this.#kept.set(key, { model, builtAt });
    for (const oldest of this.#kept.keys()) {
      if (this.#kept.size <= REPORT_LIMITS.cacheSize) break;
      this.#kept.delete(oldest);
    }
  }
}
