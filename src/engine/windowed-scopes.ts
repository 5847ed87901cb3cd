import type { KpiWindow } from "../config/engine-config.ts";
import type { EpochMs } from "../domain/records.ts";
import { ScopedBuckets } from "./scopes.ts";

// Scoped buckets for every window at once, so each item is routed in one pass instead of
// one pass per window: an item at t belongs to every window (asOf − w, asOf] holding t.

export class WindowedScopes<T> {
  /** One ScopedBuckets per window, in the config's window order. */
  readonly scopes: ScopedBuckets<T>[];
  readonly #lows: number[];
  readonly #asOf: EpochMs;
  /** Per service (or "" for organisation only): its bucket arrays per window, looked up once. */
  readonly #routes = new Map<string, (readonly T[] | undefined)[]>();
  readonly #scratch: T[] = [];

  constructor(windows: readonly KpiWindow[], asOf: EpochMs, create: () => T) {
    this.scopes = windows.map(() => new ScopedBuckets(create));
    this.#lows = windows.map((w) => asOf - w.ms);
    this.#asOf = asOf;
  }

  /**
   * The buckets an item at t counts in, window by window (organisation, team and service,
   * or the organisation alone when `service` is undefined), as one flat shared array:
   * iterate it at once, never keep it. No callback, so no closure per item.
   */
  bucketsAt(t: EpochMs, team: string | undefined, service: string | undefined): readonly T[] {
    const out = this.#scratch;
    out.length = 0;
    if (t > this.#asOf) return out;
    const key = service ?? "";
    let routes = this.#routes.get(key);
    if (routes === undefined) {
      routes = this.scopes.map(() => undefined);
      this.#routes.set(key, routes);
    }
    for (let w = 0; w < this.#lows.length; w++) {
      if (t <= (this.#lows[w] as number)) continue;
      let buckets = routes[w];
      if (buckets === undefined) {
        buckets = (this.scopes[w] as ScopedBuckets<T>).bucketsFor(team, service);
        routes[w] = buckets;
      }
      for (const b of buckets) out.push(b);
    }
    return out;
  }
}
