import type { EngineConfig } from "../config/engine-config.ts";
import type { EvidenceCandidate } from "../domain/evidence-candidate.ts";
import type { SealedEvidence } from "../domain/evidence-record.ts";
import type { Deployment, EpochMs, RecordSet } from "../domain/records.ts";
import type { DeploymentFacts } from "../engine/analysis.ts";
import { type ChecksByCommit, indexChecks } from "../engine/compliance.ts";
import { type Analyzed, analyzeRecords, snapshotOf } from "../engine/snapshot.ts";
import type { KpiSnapshot } from "../engine/snapshot-types.ts";
import { handBack } from "../engine/steps.ts";
import type { Logger } from "../logger.ts";
import type { Store } from "../store/store.ts";
import { candidateOf, inputFingerprint, rejudgingOf } from "./evidence-facts.ts";
import { type LedgerHealth, pendingOf } from "./ledger-gaps.ts";

// When evidence is appended (docs/decisions/evidence.md): after every write path —
// each snapshot refresh of a running exporter (which follows every import, sync and
// webhook), and the one-shot `import` and `sync` commands. A production deployment gets
// its first record the first time it is seen at or before asOf; a later change of its
// facts appends a correction; the same facts append nothing, so this is idempotent. A
// failed append commits nothing and is retried whole by the next one.

/** Deployments fingerprinted between two hand-backs of the event loop (tens of ms). */
const LOOKED_PER_STEP = 500;
/** Deployments whose rollback target is compared between hand-backs. */
const SCANNED_PER_STEP = 20_000;

export class EvidenceRecorder {
  readonly #store: Store;
  readonly #engine: EngineConfig;
  readonly #now: () => EpochMs;
  readonly #health: LedgerHealth | undefined;
  readonly #rejudging: Map<string, string>;
  /** Deployment id → fingerprint of the inputs whose facts the ledger already holds. */
  readonly #settled = new Map<string, string>();
  /** Deployment id → the rollback target its facts were last looked at with. */
  readonly #rollbackOf = new Map<string, string | undefined>();
  #retryAll = false;

  /** `health` hears of every append attempt (the exporter's self-metrics). */
  constructor(
    store: Store,
    engine: EngineConfig,
    now: () => EpochMs = Date.now,
    health?: LedgerHealth,
  ) {
    this.#store = store;
    this.#engine = engine;
    this.#now = now;
    this.#health = health;
    this.#rejudging = rejudgingOf(engine);
  }

  /**
   * Appends what is new or changed among the production deployments at asOf; `analyzed`
   * spares the analysis when the caller already holds it for these records at asOf.
   */
  async record(
    records: RecordSet,
    asOf: EpochMs,
    analyzed: Analyzed = analyzeRecords(records, this.#engine, asOf),
  ): Promise<SealedEvidence[]> {
    const checks = indexChecks(records.checks, asOf);
    return this.#append(analyzed, checks, analyzed.analysis.deployments, asOf);
  }

  /**
   * The same for a serving process's incremental analysis: only the deployments whose own
   * facts were recomputed (`touched`), or whose rollback target changed, are looked at;
   * after a failed append, every deployment is, so nothing stays unrecorded.
   */
  async recordTouched(
    analyzed: Analyzed,
    checks: ChecksByCommit,
    touched: ReadonlySet<string> | "all",
    /** The deployments whose facts are complete (a bounded working set's exact ones). */
    decided: (d: Deployment) => boolean = () => true,
  ): Promise<SealedEvidence[]> {
    const all = touched === "all" || this.#retryAll;
    const looked: DeploymentFacts[] = [];
    let seen = 0;
    for (const f of analyzed.analysis.deployments) {
      // Every refresh walks every deployment: at 100k that alone is a scrape's wait.
      if (++seen % SCANNED_PER_STEP === 0) await handBack();
      if (!decided(f.deployment)) continue;
      const id = f.deployment.id;
      const moved = this.#rollbackOf.get(id) !== f.rollbackOfId;
      if (moved) this.#rollbackOf.set(id, f.rollbackOfId);
      if (all || moved || touched.has(id)) looked.push(f);
    }
    return this.#append(analyzed, checks, looked, analyzed.analysis.asOf);
  }

  async #append(
    { analysis }: Analyzed,
    checks: ChecksByCommit,
    deployments: readonly DeploymentFacts[],
    asOf: EpochMs,
  ): Promise<SealedEvidence[]> {
    const candidates: EvidenceCandidate[] = [];
    const fingerprints = new Map<string, string>();
    let looked = 0;
    for (const f of deployments) {
      // A first look at every deployment takes seconds at 100k: scrapes are served between.
      if (++looked % LOOKED_PER_STEP === 0) await handBack();
      const rollback = analysis.timeline.rollbacks.has(f.deployment.id);
      const fingerprint = inputFingerprint(f, rollback, checks);
      if (this.#settled.get(f.deployment.id) === fingerprint) continue;
      fingerprints.set(f.deployment.id, fingerprint);
      candidates.push(candidateOf(f, rollback, checks, this.#rejudging));
    }
    let appended: SealedEvidence[];
    try {
      appended = await this.#store.evidence.append(candidates, { asOf, recordedAt: this.#now() });
    } catch (error) {
      this.#retryAll = true;
      this.#health?.ledgerAppendFailed(await pendingOf(this.#store.evidence, candidates));
      throw error;
    }
    this.#retryAll = false;
    // Only once committed: every candidate is now the latest record of its deployment.
    for (const [id, fingerprint] of fingerprints) this.#settled.set(id, fingerprint);
    if (this.#health)
      this.#health.ledgerAppended(appended.at(-1)?.seq ?? (await this.#store.evidence.head()).seq);
    return appended;
  }
}

export interface EvidenceRun {
  records: RecordSet;
  engine: EngineConfig;
  asOf: EpochMs;
  /** Wall clock for recordedAt. */
  now?: () => EpochMs;
}

/** One append with nothing remembered from earlier ones. */
export function recordEvidence(store: Store, run: EvidenceRun): Promise<SealedEvidence[]> {
  return new EvidenceRecorder(store, run.engine, run.now).record(run.records, run.asOf);
}

/** After a one-shot command's writes: the whole store at asOf, appended and described. */
export async function recordStoreEvidence(
  store: Store,
  engine: EngineConfig,
  asOf: EpochMs,
): Promise<string | undefined> {
  return describeAppended(
    await recordEvidence(store, { records: await store.load(), engine, asOf }),
  );
}

/**
 * A SnapshotService's compute and afterRefresh that append evidence after each refresh,
 * from the analysis the snapshot was computed from: analysing twice doubled the refresh.
 */
export function evidenceRefresh(
  store: Store,
  engine: EngineConfig,
  logger: Pick<Logger, "info">,
  health?: LedgerHealth,
) {
  const recorder = new EvidenceRecorder(store, engine, Date.now, health);
  const analyses = new WeakMap<RecordSet, Analyzed>();
  return {
    compute(records: RecordSet, asOf: EpochMs): KpiSnapshot {
      const analyzed = analyzeRecords(records, engine, asOf);
      analyses.set(records, analyzed);
      return snapshotOf(records, analyzed);
    },
    async afterRefresh(records: RecordSet, asOf: EpochMs): Promise<void> {
      const line = describeAppended(await recorder.record(records, asOf, analyses.get(records)));
      if (line) logger.info(line);
    },
  };
}

/** One line for logs and command output, or undefined when nothing was appended. */
export function describeAppended(appended: readonly SealedEvidence[]): string | undefined {
  if (!appended.length) return undefined;
  const first = appended[0] as SealedEvidence;
  const last = appended[appended.length - 1] as SealedEvidence;
  const range = first === last ? `record ${first.seq}` : `records ${first.seq}–${last.seq}`;
  return `evidence ledger: appended ${range}, head ${last.hash}`;
}
