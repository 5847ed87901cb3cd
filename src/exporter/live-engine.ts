import type { EngineConfig } from "../config/engine-config.ts";
import type { EpochMs, RecordKind } from "../domain/records.ts";
import type { ChecksByCommit } from "../metrics/compliance.ts";
import { IncrementalEngine, type IncrementalResult } from "../metrics/incremental.ts";
import type { Store } from "../store/store.ts";

// The serving process's view of the store: loaded once, then kept current by reading only
// the rows written since the last write sequence number it saw — its own writes (imports,
// webhooks, collector runs) and, on PostgreSQL, every other replica's alike.

export class LiveEngine {
  readonly #store: Store;
  readonly #engine: IncrementalEngine;
  #seq: number;

  private constructor(store: Store, engine: IncrementalEngine, seq: number) {
    this.#store = store;
    this.#engine = engine;
    this.#seq = seq;
  }

  static async open(store: Store, config: EngineConfig): Promise<LiveEngine> {
    const { records, seq } = await store.loadAt();
    return new LiveEngine(store, new IncrementalEngine(config, records), seq);
  }

  /** The write sequence number the working set is current to. */
  get seq(): number {
    return this.#seq;
  }

  /** Applies what was written since the last call; returns how many rows that was. */
  async catchUp(): Promise<number> {
    const { records, seq } = await this.#store.changesSince(this.#seq);
    let rows = 0;
    for (const list of Object.values(records)) rows += (list as unknown[]).length;
    if (rows > 0 || records.branchPolicies !== undefined) this.#engine.apply(records);
    this.#seq = seq;
    return rows;
  }

  /** Judges by another engine config (the ledger's policies changed): a full recompute. */
  reconfigure(config: EngineConfig): void {
    this.#engine.reconfigure(config);
  }

  /** The snapshot at asOf, computed in steps that leave the event loop to scrapes. */
  compute(asOf: EpochMs): Promise<IncrementalResult> {
    return this.#engine.computeSliced(asOf);
  }

  /** Records held per kind; the working set holds the whole store. */
  counts(): Record<RecordKind, number> {
    const ws = this.#engine.workingSet;
    return {
      deployment: ws.deployments.size,
      change: ws.changes.size,
      incident: ws.incidents.size,
      check: ws.checks.size,
      vulnerability: ws.vulnerabilities.size,
      cost: ws.costs.size,
      experiment: ws.experiments.size,
    };
  }

  /** Check results known at asOf by commit, as the evidence ledger's facts read them. */
  checksAt(asOf: EpochMs): ChecksByCommit {
    const checks = this.#engine.workingSet.checks;
    return { get: (sha) => checks.group(sha).filter((c) => c.completedAt <= asOf) };
  }
}
