import type { Change, Deployment, EpochMs } from "../domain/records.ts";

// Which production deployment ships each change (contract §3 with its v1.1
// clarification, METRICS.md decisions 6 and 134): the precedence is per change, and a
// list is never overridden by merge order. A change some non-rollback deployment lists
// ships with the earliest one listing it; a change none lists ships with the earliest
// deployment without a list that finished strictly after its merge. So a deployment with
// a list (even []) ships exactly its listed changes, and one without ships only unlisted
// changes.
// Positions in per-service arrays replace maps keyed by id: at half a million changes,
// string-keyed map operations dominated the snapshot. Each service is shipped on its own,
// so the incremental engine ships again only the services a write touched.

export interface ShippedChange {
  change: Change;
  deployment: Deployment;
}

export interface Shipping {
  /** Every shipped change with its deployment, in merge order. */
  shipped: ShippedChange[];
  /** Change id → the deployment that shipped it. */
  deploymentOf: Map<string, Deployment>;
  /** Deployment id → the changes it shipped, in merge order. */
  changesOf: Map<string, Change[]>;
}

/**
 * How a deployment's contents are known: every change a deployment ships comes by the
 * same rule, since merge order never assigns to a deployment that carries a list.
 */
export type Containment = "explicit" | "merge_order";

export function containmentOf(d: Deployment): Containment {
  return d.changes ? "explicit" : "merge_order";
}

/** Index of the first element of ascending `times` strictly greater than `t`. */
export function firstAfter(times: Float64Array, t: number): number {
  let low = 0;
  let high = times.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((times[mid] as number) > t) high = mid;
    else low = mid + 1;
  }
  return low;
}

interface ServiceIndex {
  /** Non-rollback production deployments, in finish order. */
  list: Deployment[];
  /** Change id → position in `list` of the first deployment listing it. */
  explicit: Map<string, number>;
  /** Positions in `list` of deployments without an explicit list, and their finish times. */
  mergeOrder: Int32Array;
  mergeOrderTimes: Float64Array;
}

function indexService(production: Deployment[], rollbacks: ReadonlySet<string>): ServiceIndex {
  const list = production.filter((d) => !rollbacks.has(d.id));
  const explicit = new Map<string, number>();
  const mergeOrder: number[] = [];
  list.forEach((d, position) => {
    if (containmentOf(d) === "merge_order") mergeOrder.push(position);
    else for (const id of d.changes ?? []) if (!explicit.has(id)) explicit.set(id, position);
  });
  return {
    list,
    explicit,
    mergeOrder: Int32Array.from(mergeOrder),
    mergeOrderTimes: Float64Array.from(mergeOrder, (p) => (list[p] as Deployment).finishedAt),
  };
}

/** Position of the first deployment without a list finished strictly after `mergedAt`, or -1. */
function byMergeOrder(index: ServiceIndex, mergedAt: EpochMs): number {
  const k = firstAfter(index.mergeOrderTimes, mergedAt);
  return k < index.mergeOrder.length ? (index.mergeOrder[k] as number) : -1;
}

function byMerge(a: Change, b: Change): number {
  return a.mergedAt - b.mergedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * Ships one service's changes over its production deployments (finish order). The changes
 * are sorted by merge once, so every deployment's list comes out in merge order.
 */
export function shipService(
  production: Deployment[],
  rollbacks: ReadonlySet<string>,
  changes: readonly Change[],
  asOf: EpochMs,
): Shipping {
  const index = indexService(production, rollbacks);
  const shipped: ShippedChange[] = [];
  const deploymentOf = new Map<string, Deployment>();
  const changesOf = new Map<string, Change[]>();
  if (!index.list.length) return { shipped, deploymentOf, changesOf };
  const merged = changes.filter((c) => c.mergedAt <= asOf).sort(byMerge);
  for (const change of merged) {
    // The size test spares half a million string look-ups where no deployment lists.
    const listed = index.explicit.size ? index.explicit.get(change.id) : undefined;
    const position = listed ?? byMergeOrder(index, change.mergedAt);
    if (position < 0) continue;
    const deployment = index.list[position] as Deployment;
    const list = changesOf.get(deployment.id);
    if (list) list.push(change);
    else changesOf.set(deployment.id, [change]);
    shipped.push({ change, deployment });
    deploymentOf.set(change.id, deployment);
  }
  return { shipped, deploymentOf, changesOf };
}
