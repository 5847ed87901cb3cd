import type { EngineConfig } from "../config/engine-config.ts";
import type { Deployment, EpochMs, RecordKind } from "../domain/records.ts";
import type { ChecksByCommit } from "../engine/compliance.ts";
import { IncrementalEngine, type IncrementalResult } from "../engine/incremental.ts";
import type { Store } from "../store/store.ts";
import { type DeltaVerdict, judgeDelta } from "./working-set-delta.ts";
import { type BoundedSet, type Bounds, readBounded } from "./working-set-load.ts";

// The serving process's view of the store: the records its KPIs can reach, read once
// (bounded by the widest window, not by the history kept: METRICS.md decisions 144–147),
// then kept current by reading only the rows written since the last write sequence number
// it saw — its own writes (imports, webhooks, collector runs) and, on PostgreSQL, every
// other replica's alike. A write reaching behind the set, an asOf before the one it was
// read for, or a day's move forward reads it again.

/** How far asOf moves past the read before the set is read again, dropping what aged out. */
const TRIM_AFTER_MS = 24 * 3600_000;

export class LiveEngine {
  readonly #store: Store;
  #config: EngineConfig;
  #engine!: IncrementalEngine;
  #seq = 0;
  #bounds!: Bounds;
  #checkedShas = new Set<string>();
  #experimentChanges = new Set<string>();

  private constructor(store: Store, config: EngineConfig, set: BoundedSet) {
    this.#store = store;
    this.#config = config;
    this.#install(set);
  }

  static async open(store: Store, config: EngineConfig, asOf: EpochMs): Promise<LiveEngine> {
    const set = await store.horizon((reads) => readBounded(reads, config, asOf));
    return new LiveEngine(store, config, set);
  }

  #install(set: BoundedSet): void {
    this.#engine = new IncrementalEngine(this.#config, set.records);
    this.#engine.deployedBefore(set.deployedEarlier);
    this.#engine.countedEarlier = set.countedEarlier;
    this.#seq = set.seq;
    this.#bounds = set.bounds;
    this.#checkedShas = set.checkedShas;
    this.#experimentChanges = set.experimentChanges;
  }

  async #reread(asOf: EpochMs, carried?: ReadonlyMap<string, EpochMs>): Promise<void> {
    const config = this.#config;
    this.#install(await this.#store.horizon((reads) => readBounded(reads, config, asOf, carried)));
  }

  /** The write sequence number the working set is current to. */
  get seq(): number {
    return this.#seq;
  }

  /** Applies what was written since the last call; returns how many rows that was. */
  async catchUp(): Promise<number> {
    const ws = this.#engine.workingSet;
    const verdict: DeltaVerdict = await this.#store.horizon((reads) =>
      judgeDelta(reads, this.#seq, {
        config: this.#config,
        bounds: this.#bounds,
        held: {
          deployment: (id) => ws.deployments.get(id) !== undefined,
          change: (id) => ws.changes.get(id) !== undefined,
          incident: (id) => ws.incidents.get(id) !== undefined,
          checkedShas: this.#checkedShas,
          experimentChanges: this.#experimentChanges,
        },
        finding: (id) => ws.vulnerabilities.get(id),
      }),
    );
    if (verdict.reread) {
      await this.#reread(this.#bounds.asOf, verdict.reread);
      return verdict.rows;
    }
    if (verdict.rows > 0 || verdict.delta.branchPolicies !== undefined)
      this.#engine.apply(verdict.delta);
    this.#engine.deployedBefore(verdict.deployedEarlier);
    this.#seq = verdict.seq;
    return verdict.rows;
  }

  /** Judges by another engine config (the ledger's policies changed): read again, all anew. */
  async reconfigure(config: EngineConfig): Promise<void> {
    this.#config = config;
    await this.#reread(this.#bounds.asOf);
  }

  /** The snapshot at asOf, computed in steps that leave the event loop to scrapes. */
  async compute(asOf: EpochMs): Promise<IncrementalResult> {
    const read = this.#bounds.asOf;
    if (asOf < read || asOf - read > TRIM_AFTER_MS) await this.#reread(asOf);
    return this.#engine.computeSliced(asOf);
  }

  /**
   * Whether the working set decides this production deployment exactly as a full recompute
   * would: only those are appended to the evidence ledger by the serving process.
   */
  exact(d: Deployment): boolean {
    const start = this.#bounds.starts.get(d.service);
    return start === undefined || d.finishedAt >= start.exactFrom;
  }

  /** Records held per kind. */
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
