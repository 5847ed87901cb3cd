// Holds the KPI snapshot being served. All the expensive work (load from the store, compute,
// render) happens in refresh(), on a timer or after an import; a scrape only concatenates the
// cached exposition with the small self-metrics, so it never computes and never does I/O.

import { errorMessage } from "../domain/error-message.ts";
import type { RecordSet } from "../domain/records.ts";
import type { KpiSnapshot } from "../engine/snapshot-types.ts";
import { handBack } from "../engine/steps.ts";
import type { Logger as ProjectLogger } from "../logger.ts";
import type { MetricDef } from "../vocabulary/conventions.ts";
import { gzipNow, LazyGzip } from "./gzip-body.ts";
import type { MetricsFormat } from "./negotiate.ts";
import { concatExpositions, type Exposition, renderSelf, renderSnapshot } from "./render.ts";
import type { RenderedFamily } from "./render-family.ts";
import type { SelfMetrics } from "./self-metrics.ts";

/** The part of the project's logger the service uses, so tests can pass a smaller one. */
export type Logger = Pick<ProjectLogger, "info" | "error">;

/** R: what load() hands compute(): a RecordSet, or a working set kept current by deltas. */
export interface SnapshotServiceOptions<R = RecordSet> {
  load: () => Promise<R>;
  compute: (records: R, asOf: number) => KpiSnapshot | Promise<KpiSnapshot>;
  /** The evaluation clock, epoch ms: Date.now, or a fixed --as-of instant. */
  asOf: () => number;
  /** Items in the store per kind, for kpi_exporter_records. */
  counts?: () => Promise<Record<string, number>>;
  /** Work on the records of each new snapshot (the evidence ledger); its failure is logged. */
  afterRefresh?: (records: R, asOf: number) => Promise<void>;
  /** Hears of each new snapshot once it is served (keeping it for the next start). */
  onRefreshed?: (state: SnapshotState, records: R) => Promise<void>;
  self: SelfMetrics;
  logger?: Logger;
}

export interface SnapshotState {
  snapshot: KpiSnapshot;
  /** The KPI part of /metrics, rendered once per snapshot. */
  exposition: Exposition;
  /** The KPI part as bytes, OpenMetrics without its `# EOF` (self-metrics come after). */
  encoded: { text: Buffer; openMetrics: Buffer };
  /** The same compressed, once ready (gzip-body.ts). */
  gzipped: { text: LazyGzip; openMetrics: LazyGzip };
  /** Epoch ms (wall clock) when this snapshot replaced the previous one. */
  refreshedAt: number;
  /** False for a snapshot kept from an earlier run, served until a fresh one is in. */
  fresh: boolean;
}

/** Default logger: errors to stderr, routine messages dropped. */
export const stderrLogger: Logger = {
  info: () => {},
  error: (message, fields) => console.error(message, fields ?? ""),
};

const EOF_MARK = "# EOF\n";

/** Encoded once per snapshot, so a scrape copies no megabytes of text. */
function encode(exposition: Exposition): Pick<SnapshotState, "encoded" | "gzipped"> {
  const open = exposition.openMetrics;
  const body = open.endsWith(EOF_MARK) ? open.slice(0, -EOF_MARK.length) : open;
  const encoded = { text: Buffer.from(exposition.text), openMetrics: Buffer.from(body) };
  const gzipped = {
    text: new LazyGzip(encoded.text),
    openMetrics: new LazyGzip(encoded.openMetrics),
  };
  return { encoded, gzipped };
}

export class SnapshotService<R = RecordSet> {
  readonly #options: SnapshotServiceOptions<R>;
  readonly #logger: Logger;
  #state: SnapshotState | undefined;
  #running: Promise<void> | undefined;
  #queued: Promise<void> | undefined;
  #timer: NodeJS.Timeout | undefined;
  /**
   * The first fresh refresh's after-work (a serving process's first look at every
   * deployment for evidence) is done: until then a write would wait behind it.
   */
  #caughtUp = false;
  /** Each family as last rendered: a refresh rewrites only the series that moved. */
  readonly #rendered = new Map<MetricDef, RenderedFamily>();
  #served: (() => void) | undefined;
  readonly #firstServed = new Promise<void>((resolve) => {
    this.#served = resolve;
  });

  constructor(options: SnapshotServiceOptions<R>) {
    this.#options = options;
    this.#logger = options.logger ?? stderrLogger;
  }

  /** The snapshot being served, or undefined before the first successful refresh. */
  current(): SnapshotState | undefined {
    return this.#state;
  }

  /** Ready once a snapshot computed by this process is served. */
  ready(): boolean {
    return this.#state?.fresh === true && this.#caughtUp;
  }

  /**
   * Serves a snapshot kept from an earlier run until the first refresh replaces it. Never
   * replaces a fresh one: a refresh that finished first wins.
   */
  restore(snapshot: KpiSnapshot, exposition: Exposition, refreshedAt: number): void {
    if (this.#state?.fresh) return;
    this.#state = { snapshot, exposition, ...encode(exposition), refreshedAt, fresh: false };
    this.#options.self.snapshotServed(snapshot.asOf);
  }

  /**
   * Recomputes the snapshot. Calls made while a run is in flight share one trailing run that
   * starts when it ends, so the returned promise always settles after a run that began after
   * the call (an import sees its own data) and a burst of calls costs at most two runs.
   * Never rejects: a failure is logged and the last good snapshot stays in place.
   */
  refresh(): Promise<void> {
    if (this.#running === undefined) {
      this.#running = this.#run().finally(() => {
        this.#running = undefined;
      });
      return this.#running;
    }
    this.#queued ??= this.#running.then(() => {
      this.#queued = undefined;
      return this.refresh();
    });
    return this.#queued;
  }

  /**
   * Resolves once a snapshot is served: before the first refresh's after-work (the
   * evidence append) is done, so a server can listen sooner.
   */
  served(): Promise<void> {
    return this.#firstServed;
  }

  /** Refreshes now and then every intervalMs; resolves after the first refresh. */
  start(intervalMs: number): Promise<void> {
    this.stop();
    // unref: a pending refresh must not keep the process alive on shutdown.
    this.#timer = setInterval(() => void this.refresh(), intervalMs).unref();
    return this.refresh();
  }

  stop(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
  }

  /**
   * /metrics body as chunks to write in order: the KPI part, encoded once per snapshot,
   * then the small self-metrics. Undefined before the first snapshot.
   */
  async scrapeChunks(format: MetricsFormat): Promise<Buffer[] | undefined> {
    const state = this.#state;
    if (state === undefined) return undefined;
    const kpis = format === "openmetrics" ? state.encoded.openMetrics : state.encoded.text;
    return [kpis, await this.#selfPart(format)];
  }

  /**
   * The same for a client that takes gzip, when the KPI part's compressed form is ready:
   * it, then the self-metrics as a second member. Undefined otherwise (send scrapeChunks).
   */
  async gzippedChunks(format: MetricsFormat): Promise<Buffer[] | undefined> {
    const state = this.#state;
    const kpis = state?.gzipped[format === "openmetrics" ? "openMetrics" : "text"].ready;
    if (kpis === undefined) return undefined;
    return [kpis, gzipNow(await this.#selfPart(format))];
  }

  /** The self-metrics part of /metrics, rendered for every scrape (it ends OpenMetrics). */
  async #selfPart(format: MetricsFormat): Promise<Buffer> {
    const runtime = await this.#options.self.runtimeExposition();
    const self = concatExpositions([
      await renderSelf(this.#options.self),
      ...(runtime ? [runtime] : []),
    ]);
    return Buffer.from(format === "openmetrics" ? self.openMetrics : self.text);
  }

  /** The whole /metrics body as one string (the command line and tests). */
  async scrape(format: MetricsFormat): Promise<string | undefined> {
    const chunks = await this.scrapeChunks(format);
    return chunks && Buffer.concat(chunks).toString("utf8");
  }

  async #run(): Promise<void> {
    const { load, compute, asOf, counts, self, afterRefresh } = this.#options;
    const started = performance.now();
    let records: R;
    try {
      records = await load();
      // Scrapes that arrived while the store was read are answered before computing.
      await handBack();
      const snapshot = await compute(records, asOf());
      await handBack();
      const exposition = await renderSnapshot(snapshot, this.#rendered);
      // One assignment: a scrape sees either the old state or the new one, never a mix.
      this.#state = {
        snapshot,
        exposition,
        ...encode(exposition),
        refreshedAt: Date.now(),
        fresh: true,
      };
      self.snapshotServed(snapshot.asOf);
      this.#served?.();
      this.#logger.info("snapshot refreshed", {
        asOf: new Date(snapshot.asOf).toISOString(),
        samples: snapshot.samples.length,
        ms: Math.round(performance.now() - started),
      });
    } catch (error) {
      this.#logger.error("snapshot refresh failed; still serving the previous snapshot", {
        error: errorMessage(error),
        previousAsOf: this.#state ? new Date(this.#state.snapshot.asOf).toISOString() : null,
      });
      return;
    }
    try {
      await this.#options.onRefreshed?.(this.#state, records);
    } catch (error) {
      this.#logger.error("keeping the snapshot for the next start failed", {
        error: errorMessage(error),
      });
    }
    try {
      await afterRefresh?.(records, this.#state.snapshot.asOf);
    } catch (error) {
      this.#logger.error("after-refresh step failed; the new snapshot is served", {
        error: errorMessage(error),
      });
    }
    this.#caughtUp = true;
    // Store counts only feed a self-metric: failing to read them must not discard the KPIs.
    if (counts === undefined) return;
    try {
      self.recordCounts(await counts());
    } catch (error) {
      this.#logger.error("reading record counts failed", { error: String(error) });
    }
  }
}

/** What the HTTP layer reads of a SnapshotService, whatever its records are. */
export type ServedSnapshots = Pick<
  SnapshotService<unknown>,
  "current" | "ready" | "refresh" | "scrapeChunks" | "gzippedChunks" | "scrape"
>;
