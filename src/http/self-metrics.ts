// The exporter's own health, as the contract's kpi_exporter_* metrics. Long-lived: collectors,
// the importer and the snapshot service report into it as things happen, and each scrape
// renders it from memory (render.ts renderSelf) next to the cached KPI exposition.
import { Counter, Gauge, Registry } from "prom-client";
import packageJson from "../../package.json" with { type: "json" };
import { RECORD_KINDS } from "../domain/records.ts";
import type { Sample } from "../engine/snapshot-types.ts";
import type { LedgerHealth } from "../evidence/ledger-gaps.ts";
import type { CollectorHealth, CollectorRun } from "../sources/collector-health.ts";
import { API_OUTCOMES, type ApiOutcome } from "../vocabulary/api-outcomes.ts";
import { type MetricDef, SELF } from "../vocabulary/conventions.ts";
import { REJECT_CODES } from "../vocabulary/reject-codes.ts";
import type { Exposition } from "./exposition.ts";
import { RuntimeMetrics } from "./runtime-metrics.ts";

/** The answers /metrics gives: a snapshot, none yet (503), or a failure (500). */
const SCRAPE_CODES = ["200", "500", "503"] as const;

/** Every `kind` kpi_exporter_rejected_records_total can carry: "unknown" names no known kind. */
const REJECTED_KINDS = [...RECORD_KINDS, "unknown"];

function config(def: MetricDef, registry: Registry) {
  return { name: def.name, help: def.help, labelNames: def.labels, registers: [registry] };
}

export class SelfMetrics implements LedgerHealth, CollectorHealth {
  /** Only for reading; render through samples() so the registry is never mutated by a scrape. */
  readonly registry = new Registry();
  readonly version: string;
  readonly #buildInfo = new Gauge(config(SELF.buildInfo, this.registry));
  readonly #collectorUp = new Gauge(config(SELF.collectorUp, this.registry));
  readonly #lastSuccess = new Gauge(config(SELF.collectorLastSuccess, this.registry));
  readonly #duration = new Gauge(config(SELF.collectorDuration, this.registry));
  readonly #running = new Gauge(config(SELF.collectorRunning, this.registry));
  readonly #runStarted = new Gauge(config(SELF.collectorRunStarted, this.registry));
  readonly #apiRequests = new Counter(config(SELF.apiRequests, this.registry));
  readonly #rateLimit = new Gauge(config(SELF.apiRateLimitRemaining, this.registry));
  readonly #snapshotTimestamp = new Gauge(config(SELF.snapshotTimestamp, this.registry));
  readonly #records = new Gauge(config(SELF.records, this.registry));
  readonly #rejected = new Counter(config(SELF.rejectedRecords, this.registry));
  readonly #http = new Counter(config(SELF.httpRequests, this.registry));
  readonly #ledgerHead = new Gauge(config(SELF.evidenceHeadSequence, this.registry));
  readonly #ledgerPending = new Gauge(config(SELF.evidencePendingRecords, this.registry));
  readonly #ledgerFailures = new Counter(config(SELF.evidenceAppendFailures, this.registry));
  readonly #leader = new Gauge(config(SELF.leader, this.registry));
  /** Collectors with a finished run reported since they (re)started here. */
  readonly #ran = new Set<string>();
  /** Collectors with a run in progress. */
  readonly #inProgress = new Set<string>();
  #runtime: RuntimeMetrics | undefined;

  constructor(options: { version?: string } = {}) {
    this.version = options.version ?? packageJson.version;
    this.#buildInfo.set({ version: this.version }, 1);
    // prom-client seeds a label-less gauge with 0; a snapshot timestamp of 1970 would read as
    // "very stale" rather than "none yet", so the series exists only once a snapshot is served.
    this.#snapshotTimestamp.remove();
    // Series an SLO divides by exist from the start at 0, as Prometheus advises: an error
    // ratio over a missing error series is no ratio at all, not 0.
    for (const code of SCRAPE_CODES) this.#http.inc({ route: "/metrics", code }, 0);
    // Every kind and reason code is known in advance (decision 142): a rate over them is 0
    // from the first scrape, and an alert on a first refusal sees the counter move from 0.
    for (const kind of REJECTED_KINDS)
      for (const reason of REJECT_CODES) this.#rejected.inc({ kind, reason }, 0);
    // The ledger's series appear with the first append attempt, so `kpi-exporter metrics`,
    // which appends nothing, shows none, as for the snapshot timestamp.
    this.#ledgerHead.remove();
    this.#ledgerPending.remove();
    this.#ledgerFailures.remove();
    // Only a serving process elects a leader; one-shot commands show no such series.
    this.#leader.remove();
  }

  /** Whether this process now leads its replicas. */
  leading(isLeader: boolean): void {
    this.#leader.set(isLeader ? 1 : 0);
  }

  /**
   * This process starts running these collectors (decision 142). Their request counters
   * appear at 0 and `up` at 0 until a run succeeds, so a first run that hangs or fails
   * shows as down; the last success, the duration and the rate limit stay absent until a
   * run reports them, since no value would be true before.
   */
  collectorsStarted(collectors: readonly string[]): void {
    for (const collector of collectors) {
      for (const outcome of API_OUTCOMES) this.#apiRequests.inc({ collector, outcome }, 0);
      if (!this.#ran.has(collector)) this.#collectorUp.set({ collector }, 0);
      if (!this.#inProgress.has(collector)) this.#running.set({ collector }, 0);
    }
  }

  /**
   * This process stopped running these collectors (it no longer leads): their gauges go,
   * so a follower does not report a collector down that another replica now runs.
   * Counters stay, as counters never go back.
   */
  collectorsStopped(collectors: readonly string[]): void {
    for (const collector of collectors) {
      this.#ran.delete(collector);
      for (const gauge of [
        this.#collectorUp,
        this.#duration,
        this.#lastSuccess,
        this.#rateLimit,
        this.#running,
        this.#runStarted,
      ])
        gauge.remove({ collector });
    }
  }

  /** A run of the collector began at `at` (epoch ms). */
  collectorStarted(collector: string, at: number): void {
    this.#inProgress.add(collector);
    this.#running.set({ collector }, 1);
    this.#runStarted.set({ collector }, at / 1000);
  }

  /** A collector finished a run; last success only moves when the run succeeded. */
  collectorRun(collector: string, run: CollectorRun): void {
    this.#inProgress.delete(collector);
    this.#running.set({ collector }, 0);
    this.#ran.add(collector);
    this.#collectorUp.set({ collector }, run.ok ? 1 : 0);
    this.#duration.set({ collector }, run.durationSeconds);
    if (run.ok) this.#lastSuccess.set({ collector }, run.finishedAt / 1000);
  }

  apiRequest(collector: string, outcome: ApiOutcome, n = 1): void {
    this.#apiRequests.inc({ collector, outcome }, n);
  }

  rateLimitRemaining(collector: string, remaining: number): void {
    this.#rateLimit.set({ collector }, remaining);
  }

  /** The snapshot now being served was computed at `asOfMs`. */
  snapshotServed(asOfMs: number): void {
    this.#snapshotTimestamp.set(asOfMs / 1000);
  }

  /** Replaces all counts, so a kind that disappeared from the store loses its series. */
  recordCounts(counts: Readonly<Record<string, number>>): void {
    this.#records.reset();
    for (const [kind, count] of Object.entries(counts)) this.#records.set({ kind }, count);
  }

  /** Input items refused; `reason` must be one of the bounded codes in METRICS.md. */
  rejected(kind: string, reason: string, n = 1): void {
    this.#rejected.inc({ kind, reason }, n);
  }

  /**
   * The exporter answered a request; `route` is one of the app's bounded route names. Its
   * duration goes to the runtime histogram when this process collects one.
   */
  httpRequest(route: string, code: number, seconds?: number): void {
    this.#http.inc({ route, code: String(code) });
    if (seconds !== undefined) this.#runtime?.answered(route, seconds);
  }

  /** From now on, also the runtime metrics (serving processes only: RuntimeMetrics). */
  collectRuntime(): void {
    this.#runtime ??= new RuntimeMetrics();
  }

  /** The runtime part of /metrics, when collected. */
  runtimeExposition(): Promise<Exposition> | undefined {
    return this.#runtime?.exposition();
  }

  /** An evidence append committed (LedgerHealth): the head moved to `headSeq`, none pending. */
  ledgerAppended(headSeq: number): void {
    this.#ledgerHead.set(headSeq);
    this.#ledgerPending.set(0);
    this.#ledgerFailures.inc(0);
  }

  /** An evidence append failed (LedgerHealth); the head stays where the last one left it. */
  ledgerAppendFailed(pending: number): void {
    this.#ledgerPending.set(pending);
    this.#ledgerFailures.inc();
  }

  /** Current values as plain samples, in the shape the renderer takes. */
  async samples(): Promise<Sample[]> {
    const samples: Sample[] = [];
    for (const metric of await this.registry.getMetricsAsJSON()) {
      for (const { labels, value } of metric.values) {
        const stringLabels: Record<string, string> = {};
        for (const [name, label] of Object.entries(labels)) stringLabels[name] = String(label);
        samples.push({ name: metric.name, labels: stringLabels, value });
      }
    }
    return samples;
  }
}
