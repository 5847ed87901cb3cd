// The generator's picture of the store (the last write of an identity wins, as upsert
// does) and the shared helpers of the record generators: timestamps that often coincide
// with known ones, ids that are often existing ones, approvals around an instant.
import type {
  Approval,
  BranchPolicy,
  CheckResult,
  Deployment,
  RecordSet,
} from "../../src/domain/records.ts";
import {
  APPROVERS,
  MINUTE,
  type POOL,
  poolId,
  type Rng,
  SERVICES,
} from "./incremental-property-random.ts";

export type Kind = Exclude<keyof RecordSet, "branchPolicies">;
const KINDS: Kind[] = [
  "deployments",
  "changes",
  "incidents",
  "checks",
  "vulnerabilities",
  "costs",
  "experiments",
];
/** The store's identities: checks by commit, name, completion and service; the rest by id. */
const keyOf = (kind: Kind, r: object) => {
  if (kind !== "checks") return (r as { id: string }).id;
  const c = r as CheckResult;
  return `${c.commitSha}|${c.name}|${c.completedAt}|${c.service ?? ""}`;
};

export class Model {
  readonly written = new Map<Kind, Map<string, object>>(KINDS.map((k) => [k, new Map()]));
  readonly policies = new Map<string, BranchPolicy>();
  add(batch: Partial<RecordSet>, policies: readonly BranchPolicy[] = []): void {
    for (const kind of KINDS)
      for (const r of batch[kind] ?? []) this.written.get(kind)?.set(keyOf(kind, r), r);
    for (const p of policies) this.policies.set(`${p.service} ${p.repository}`, p);
  }
  all<K extends Kind>(kind: K): RecordSet[K] {
    return [...(this.written.get(kind)?.values() ?? [])] as RecordSet[K];
  }
  /** Whether a record of this identity was written before. */
  has = (kind: Kind, r: object): boolean => this.written.get(kind)?.has(keyOf(kind, r)) ?? false;
  ids = (kind: Kind): string[] => [...(this.written.get(kind)?.keys() ?? [])];
  /** Everything written, in no particular order (the engine must not care). */
  records(): RecordSet {
    const set = Object.fromEntries(KINDS.map((k) => [k, this.all(k)])) as unknown as RecordSet;
    return { ...set, branchPolicies: [...this.policies.values()] };
  }
  /** Every instant any record carries, for clock ticks and timestamps that coincide. */
  instants(): number[] {
    const out: number[] = [];
    const walk = (value: unknown, key = ""): void => {
      if (typeof value === "number" && /(^a|A)t$|^period/.test(key)) out.push(value);
      else if (value && typeof value === "object")
        for (const [k, v] of Object.entries(value)) walk(v, Array.isArray(value) ? key : k);
    };
    for (const map of this.written.values()) for (const r of map.values()) walk(r);
    return out;
  }
}

/** Drops undefined fields, as the store returns records. */
export function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** A rewrite of an existing record often changes one field only (moved, re-merged, resolved). */
export function rewrite<T extends object>(gen: Gen, kind: Kind, fresh: T, fields: (keyof T)[]) {
  const old = gen.model.written.get(kind)?.get((fresh as { id?: string }).id ?? "") as
    | T
    | undefined;
  if (old === undefined || gen.rng.chance(0.4)) return fresh;
  const field = gen.rng.pick(fields);
  return compact({ ...old, [field]: fresh[field] });
}

export class Gen {
  readonly rng: Rng;
  readonly model = new Model();
  /** The clock the next timestamps are drawn around. */
  asOf: number;
  constructor(rng: Rng, asOf: number) {
    this.rng = rng;
    this.asOf = asOf;
  }
  /** Often on a known instant (±1 ms), else on a 10-minute grid from 30 days back to 6 ahead. */
  instant(): number {
    const known = this.model.instants();
    if (known.length && this.rng.chance(0.25))
      return this.rng.pick(known) + this.rng.pick([0, 0, 0, 1, -1, MINUTE]);
    return this.asOf + this.rng.int(-30 * 144, 6 * 144) * 10 * MINUTE;
  }
  /** Checkout is the busy one: enough deployments in one service to roll back by commit. */
  service = () => (this.rng.chance(0.35) ? "checkout" : this.rng.pick(SERVICES));
  /** An id of `kind`: an existing one half the time (an update), else any of the pool. */
  id(kind: Kind, prefix: keyof typeof POOL): string {
    const ids = this.model.ids(kind);
    return ids.length && this.rng.chance(0.5) ? this.rng.pick(ids) : poolId(this.rng, prefix);
  }
  approvals(around: number): Approval[] {
    const n = this.rng.pick([0, 1, 1, 2, 3]);
    return Array.from({ length: n }, () => ({
      by: this.rng.pick(APPROVERS),
      at: around + this.rng.pick([0, -1, 1, -this.rng.span(3), this.rng.span(1)]),
    }));
  }
  /** A written deployment, if any. */
  deployed(): Deployment | undefined {
    const all = this.model.all("deployments");
    return all.length ? this.rng.pick(all) : undefined;
  }
}
