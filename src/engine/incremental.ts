import type { EngineConfig } from "../config/engine-config.ts";
import type { EpochMs, RecordSet } from "../domain/records.ts";
import { assembleSteps, orderedParts } from "./assemble.ts";
import { withBranchPolicies } from "./branch-policies.ts";
import type { DeploymentCount } from "./dora.ts";
import { KeptBuckets } from "./kept-buckets.ts";
import { analyzeService, type OwnFacts, type ServicePart } from "./service-part.ts";
import type { Analyzed } from "./snapshot.ts";
import { snapshotSteps } from "./snapshot.ts";
import type { KpiSnapshot } from "./snapshot-types.ts";
import { finish, finishSliced, type Steps } from "./steps.ts";
import { type Dirty, WorkingSet } from "./working-set.ts";

// The engine a serving process keeps: the working set and one analysis part per service.
// A write re-analyses only the services it can change; time moving forward re-analyses
// only the services with an instant between the old asOf and the new one. Everything
// else (the cross-service assembly and the windowed samples) is one pass over the parts.
// Its snapshot equals computeSnapshot over the same records, byte for byte.

/** Services analysed between two hand-backs of the event loop (tens of milliseconds). */
const SERVICES_PER_STEP = 25;

export interface IncrementalResult {
  analyzed: Analyzed;
  snapshot: KpiSnapshot;
  /** Production deployments whose own facts were recomputed, or "all". */
  touched: Set<string> | "all";
}

export class IncrementalEngine {
  #configured: EngineConfig;
  readonly #ws: WorkingSet;
  #config: EngineConfig;
  readonly #parts = new Map<string, ServicePart>();
  readonly #buckets: KeptBuckets;
  #dirty: Dirty = "all";
  #asOf: EpochMs | undefined;
  #order: OwnFacts[] | undefined;

  constructor(configured: EngineConfig, records?: RecordSet) {
    this.#configured = configured;
    this.#ws = new WorkingSet(records);
    this.#config = withBranchPolicies(configured, this.#ws.branchPolicies);
    this.#buckets = new KeptBuckets(
      this.#parts,
      () => this.#ws.costs.version,
      () => this.#ws.vulnerabilities.version,
    );
  }

  /** Successful deployments before a bounded working set starts, per service and environment. */
  countedEarlier: readonly DeploymentCount[] = [];

  get workingSet(): WorkingSet {
    return this.#ws;
  }

  /** Applies the rows a write changed (as stored); the next snapshot includes them. */
  apply(delta: Partial<RecordSet>): void {
    const dirty = this.#ws.apply(delta);
    if (dirty === "all")
      this.#config = withBranchPolicies(this.#configured, this.#ws.branchPolicies);
    if (dirty === "all" || this.#dirty === "all") this.#dirty = "all";
    else for (const service of dirty) this.#dirty.add(service);
  }

  /** Commits deployed before the working set starts: their services are analysed again. */
  deployedBefore(pairs: ReadonlyArray<{ service: string; sha: string }>): void {
    if (this.#dirty === "all") {
      this.#ws.deployedBefore(pairs);
      return;
    }
    for (const service of this.#ws.deployedBefore(pairs)) this.#dirty.add(service);
  }

  /** Judges by another config from the next snapshot on: every service is analysed again. */
  reconfigure(configured: EngineConfig): void {
    this.#configured = configured;
    this.#config = withBranchPolicies(configured, this.#ws.branchPolicies);
    this.#dirty = "all";
  }

  compute(asOf: EpochMs): IncrementalResult {
    return finish(this.#steps(asOf));
  }

  /**
   * The same, handing the event loop back between steps (a batch of services, the
   * assembly, the samples). Nothing may apply a delta until it settles.
   */
  computeSliced(asOf: EpochMs): Promise<IncrementalResult> {
    return finishSliced(this.#steps(asOf));
  }

  *#steps(asOf: EpochMs): Steps<IncrementalResult> {
    const redo = this.#servicesToRedo(asOf);
    const touched = redo === "all" ? "all" : new Set<string>();
    if (redo === "all") this.#parts.clear();
    let analysed = 0;
    for (const service of redo === "all" ? this.#ws.services() : redo) {
      const part = analyzeService(this.#ws, service, this.#config, asOf);
      this.#parts.set(service, part);
      if (touched !== "all") for (const d of part.production) touched.add(d.id);
      if (++analysed % SERVICES_PER_STEP === 0) yield;
    }
    this.#dirty = new Set();
    this.#asOf = asOf;
    const parts = orderedParts(this.#parts);
    const previous = this.#order && { production: this.#order, redone: redo };
    const assembled = yield* assembleSteps(parts, this.#ws, this.#config, asOf, previous);
    const { analysis } = assembled;
    this.#order = assembled.order;
    this.#buckets.assembled(assembled);
    const analyzed = { config: this.#config, analysis };
    yield;
    const records = this.#ws.records();
    const snapshot = yield* snapshotSteps(
      records,
      parts,
      analyzed,
      this.countedEarlier,
      this.#buckets,
    );
    return { analyzed, snapshot, touched };
  }

  #servicesToRedo(asOf: EpochMs): Dirty {
    // Going back in time can hide records a part counted: only a full recompute is safe.
    if (this.#dirty === "all" || this.#asOf === undefined || asOf < this.#asOf) return "all";
    const redo = new Set(this.#dirty);
    for (const [service, part] of this.#parts) if (part.validUntil <= asOf) redo.add(service);
    return redo;
  }
}
