import type {
  BranchPolicy,
  Change,
  CheckResult,
  CostRow,
  Deployment,
  ExperimentResult,
  Incident,
  RecordSet,
  Vulnerability,
} from "../domain/records.ts";
import { SHA_PREFIX } from "./failures.ts";
import { byCheckIdentity, byId } from "./identity-order.ts";
import { KindIndex, MultiIndex } from "./working-set-index.ts";

// The records the engine computes from, held in memory and kept current by deltas (the
// rows a write changed). Applying a delta answers which services' analysis it can change,
// so only those are analysed again (docs/decisions/serving.md, incremental engine).

/** Services whose per-service analysis a delta can change; "all" when the config changed. */
export type Dirty = Set<string> | "all";

/** The kinds held, each named as in a RecordSet. */
const KINDS = [
  "deployments",
  "changes",
  "incidents",
  "checks",
  "vulnerabilities",
  "costs",
  "experiments",
] as const satisfies readonly (keyof RecordSet)[];

export class WorkingSet {
  readonly deployments = new KindIndex<Deployment>(
    (d) => d.id,
    byId,
    (d) => d.service,
  );
  readonly changes = new KindIndex<Change>(
    (c) => c.id,
    byId,
    (c) => c.service,
  );
  readonly incidents = new KindIndex<Incident>((i) => i.id, byId);
  // Never looked up by key: kept without a map by key (KindIndex).
  readonly checks = new KindIndex<CheckResult>(undefined, byCheckIdentity, (c) => c.commitSha);
  readonly vulnerabilities = new KindIndex<Vulnerability>((v) => v.id, byId);
  readonly costs = new KindIndex<CostRow>(undefined, byId);
  readonly experiments = new KindIndex<ExperimentResult>(undefined, byId);
  branchPolicies: BranchPolicy[] | undefined;
  /**
   * Where the set starts after history (a bounded working set): per service, the commits
   * of its loaded production deployments that production had deployed before its first.
   */
  readonly deployedEarlier = new Map<string, Set<string>>();
  /** Commit → services deploying it: a check on the commit can change their verdicts. */
  readonly #servicesOfSha = new MultiIndex();
  /** Deployment id → services whose deployments mark it as rolled back. */
  readonly #servicesMarkingRollback = new MultiIndex();
  /** Work item id → services whose changes link it: an incident of that id is rework. */
  readonly #servicesLinking = new MultiIndex();
  /** A commit's first characters → services deploying such commits (incident look-ups). */
  readonly #servicesOfShaPrefix = new MultiIndex();
  /**
   * Whether the three indexes above, which only a delta reads, hold the whole set. A set
   * built whole leaves them empty until its first delta: a full recompute never applies
   * one, and at 100k deployments they cost a third of a second to build.
   */
  #deltaIndexed = true;
  /** True only while the constructor applies the records it is built from. */
  #building = false;

  constructor(records?: RecordSet) {
    if (!records) return;
    this.#building = true;
    this.apply(records);
    this.#building = false;
    this.#deltaIndexed = false;
  }

  /** Fills the delta-only indexes from every record held, once. */
  #indexForDeltas(): void {
    if (this.#deltaIndexed) return;
    this.#deltaIndexed = true;
    // By group: the whole kinds in one order would be sorted for nothing.
    for (const service of this.deployments.groups())
      for (const d of this.deployments.group(service)) this.#indexDeployment(d);
    for (const service of this.changes.groups())
      for (const c of this.changes.group(service)) this.#indexChange(c);
  }

  #indexDeployment(d: Deployment): void {
    this.#servicesOfSha.add(d.commitSha, d.service);
    if (d.rollbackOf !== undefined) this.#servicesMarkingRollback.add(d.rollbackOf, d.service);
  }

  #indexChange(c: Change): void {
    for (const item of c.linkedItems) this.#servicesLinking.add(item.id, c.service);
  }

  /** Applies a delta (whole rows, as stored); returns what it makes dirty. */
  apply(delta: Partial<RecordSet>): Dirty {
    // The records already held are indexed first, so the delta's dirt is complete.
    const whole = this.#building;
    if (!whole) this.#indexForDeltas();
    const dirty = new Set<string>();
    for (const d of delta.deployments ?? []) {
      const old = this.deployments.put(d);
      if (old) dirty.add(old.service);
      dirty.add(d.service);
      this.#servicesOfShaPrefix.add(d.commitSha.slice(0, SHA_PREFIX), d.service);
      if (whole) continue;
      this.#indexDeployment(d);
      this.#servicesMarkingRollback.addTo(d.id, dirty);
    }
    for (const c of delta.changes ?? []) {
      const old = this.changes.put(c);
      if (old) dirty.add(old.service);
      dirty.add(c.service);
      if (!whole) this.#indexChange(c);
    }
    for (const check of delta.checks ?? []) {
      this.checks.put(check);
      this.#servicesOfSha.addTo(check.commitSha, dirty);
    }
    for (const incident of delta.incidents ?? []) {
      this.incidents.put(incident);
      this.#servicesLinking.addTo(incident.id, dirty);
    }
    for (const v of delta.vulnerabilities ?? []) this.vulnerabilities.put(v);
    for (const c of delta.costs ?? []) this.costs.put(c);
    for (const e of delta.experiments ?? []) this.experiments.put(e);
    if (delta.branchPolicies !== undefined) {
      this.branchPolicies = delta.branchPolicies.length ? delta.branchPolicies : undefined;
      return "all";
    }
    return dirty;
  }

  /** Adds commits deployed before the set starts; returns the services this changes. */
  deployedBefore(pairs: ReadonlyArray<{ service: string; sha: string }>): Set<string> {
    const dirty = new Set<string>();
    for (const { service, sha } of pairs) {
      const known = this.deployedEarlier.get(service);
      if (known?.has(sha)) continue;
      if (known) known.add(sha);
      else this.deployedEarlier.set(service, new Set([sha]));
      dirty.add(service);
    }
    return dirty;
  }

  /** Services that may deploy a commit with this 7-character prefix (a superset). */
  servicesDeployingPrefix(prefix: string): Set<string> {
    const services = new Set<string>();
    this.#servicesOfShaPrefix.addTo(prefix, services);
    return services;
  }

  /** Every service with a deployment or a change. */
  services(): Set<string> {
    return new Set([...this.deployments.groups(), ...this.changes.groups()]);
  }

  /**
   * The whole set, each kind in the store's load order. Each kind is put in order only when
   * read: a snapshot reads costs, findings, incidents and experiments whole, and reaches
   * deployments, changes and checks through the analysis, by service and by commit.
   */
  records(): RecordSet {
    const set = {} as RecordSet;
    for (const kind of KINDS)
      Object.defineProperty(set, kind, { enumerable: true, get: () => this[kind].all() });
    if (this.branchPolicies) set.branchPolicies = this.branchPolicies;
    return set;
  }
}
