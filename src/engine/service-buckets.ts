import type { KpiWindow } from "../config/engine-config.ts";
import type { EpochMs } from "../domain/records.ts";
import { ScopedBuckets } from "./scopes.ts";
import { WindowCrossings } from "./window-crossings.ts";

// Windowed buckets built service by service, then merged into teams and the organisation.
// A service's own buckets depend on its items alone, so a serving process keeps them
// until a write changes the service or asOf crosses one of its items' window edges.

export interface ServiceBuckets<T> {
  team: string;
  service: string;
  /** Per window, in the config's order; undefined when no item fell into it. */
  buckets: (T | undefined)[];
  /** The first asOf at which these buckets no longer hold (WindowCrossings). */
  validUntil: EpochMs;
}

/** Builds one service's buckets: `route(t)` gives the buckets an item at t counts in. */
export function serviceBuckets<T>(
  team: string,
  service: string,
  windows: readonly KpiWindow[],
  asOf: EpochMs,
  create: () => T,
  fill: (route: (t: EpochMs) => readonly T[]) => void,
): ServiceBuckets<T> {
  const crossings = new WindowCrossings(windows, asOf);
  const buckets: (T | undefined)[] = windows.map(() => undefined);
  const lows = windows.map((w) => asOf - w.ms);
  const out: T[] = [];
  fill((t) => {
    crossings.see(t);
    out.length = 0;
    if (t > asOf) return out;
    for (let w = 0; w < lows.length; w++) {
      if (t <= (lows[w] as number)) continue;
      let bucket = buckets[w];
      if (bucket === undefined) {
        bucket = create();
        buckets[w] = bucket;
      }
      out.push(bucket);
    }
    return out;
  });
  return { team, service, buckets, validUntil: crossings.validUntil };
}

/** Every window's scopes from the services' own buckets, in any order. */
export function composeScopes<T>(
  windows: number,
  services: Iterable<ServiceBuckets<T>>,
  create: () => T,
  merge: (into: T, from: T) => void,
): ScopedBuckets<T>[] {
  const scopes = Array.from({ length: windows }, () => new ScopedBuckets(create));
  for (const s of services)
    for (const [w, bucket] of s.buckets.entries())
      if (bucket !== undefined)
        (scopes[w] as ScopedBuckets<T>).adopt(s.team, s.service, bucket, merge);
  return scopes;
}

/** Items grouped by service, in the order they come. */
export function byService<I>(items: Iterable<I>, serviceOf: (item: I) => string): Map<string, I[]> {
  const groups = new Map<string, I[]>();
  for (const item of items) {
    const service = serviceOf(item);
    const group = groups.get(service);
    if (group) group.push(item);
    else groups.set(service, [item]);
  }
  return groups;
}
