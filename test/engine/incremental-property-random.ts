// The seeded randomness and the vocabulary of the incremental-engine property test. The
// pools are deliberately tiny (five services, a handful of commits, ids reused across
// kinds) so random records collide: the same commit in several services, prefixes that
// match several commits, approvals by the change's own author, ids named before written.

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
/** The first asOf of every case. */
export const START = Date.UTC(2026, 5, 1);
/** The config's windows and attribution window, as the clock ticks aim at their edges. */
export const SPANS = [12 * HOUR, DAY, 7 * DAY, 30 * DAY];

/** mulberry32: small, fast and good enough; the same seed gives the same case everywhere. */
export class Rng {
  #state: number;
  constructor(seed: number) {
    this.#state = seed >>> 0;
  }
  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** Uniform integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error("pick from nothing");
    return items[Math.floor(this.next() * items.length)] as T;
  }
  /** Each item with probability p, in order. */
  some<T>(items: readonly T[], p: number): T[] {
    return items.filter(() => this.chance(p));
  }
  /** A duration from a minute to `maxDays` days, spread over the orders of magnitude. */
  span(maxDays: number): number {
    return Math.round(MINUTE * (maxDays * 1440) ** this.next());
  }
}

// mystery is not in the catalogue (team unassigned); gateway has no configured required
// checks, so its branch policies decide that control.
export const SERVICES = ["checkout", "billing", "gateway", "warehouse", "mystery"] as const;
export const ENVIRONMENTS = ["prod", "prod", "prod", "production", "PROD", "staging", "dev"];
export const PEOPLE = ["alice", "bob", "carol"];
/** Approvers: authors themselves (in another case, too) and outsiders. */
export const APPROVERS = ["alice", "Alice", "bob", "carol", "dave"];
export const LABELS = ["feature", "Enhancement", "hotfix", "REVERT", "incident", "bug", "chore"];
export const TITLES = [
  "feat: checkout button",
  "feat(api)!: new contract",
  'Revert "feat: checkout button"',
  "revert: flaky retry",
  "Reverted the config",
  "fix: rounding",
  "Feature flag cleanup",
];
/** Ticket ids for linked_ticket (the config wants ^[A-Z]+-[0-9]+$); the last one fails it. */
export const TICKETS = ["PAY-1", "PAY-22", "OPS-7", "ops-8"];
export const CHECK_NAMES = ["sast", "trivy-image", "trivy-fs", "ci", "lint"];
export const CONCLUSIONS = ["success", "success", "failure", "neutral"];
export const CONTROLS = [
  "required_checks",
  "change_approval",
  "deployment_approval",
  "linked_ticket",
];
export const SEVERITIES = ["critical", "high", "medium", "low"] as const;

// Three commits share the prefix a1b2c3d (two share ten characters), so a 7-character
// prefix on an incident names several commits at once.
export const SHAS = [
  "a1b2c3d4e5",
  "a1b2c3d4e5",
  "a1b2c3d",
  "0123456789",
  "fedcba9876",
  "deadbeef00",
  "c0ffee1234",
].map((head, i) => (head + String(i + 1).repeat(40)).slice(0, 40));

/** Id pools: a reference picks from the pool, so it may name a record not written yet. */
export const POOL = { d: 14, c: 14, i: 8, v: 5, k: 5, e: 4 } as const;
export const poolId = (rng: Rng, prefix: keyof typeof POOL) =>
  `${prefix}${rng.int(0, POOL[prefix] - 1)}`;
