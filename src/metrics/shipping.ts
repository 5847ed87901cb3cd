import type { Change, Deployment, EpochMs } from "../domain/records.ts";
import type { DeploymentTimeline } from "./deployment-timeline.ts";

// Which production deployment ships each change (contract section 3, METRICS.md
// decision 6): a deployment with an explicit list ships exactly those changes of its
// service; one without contains every change merged strictly before it finished. The
// earliest non-rollback deployment that contains a change ships it.
// Positions in per-service arrays replace maps keyed by id: at half a million changes,
// string-keyed map operations dominated the snapshot.

export interface ShippedChange {
  change: Change;
  deployment: Deployment;
}

export interface Shipping {
  /** Every shipped change with its deployment, in input order. */
  shipped: ShippedChange[];
  /** Change id → shipping deployment, for the ids asked for (incident and experiment references). */
  deploymentOf: Map<string, Deployment>;
  /** Deployment id → the changes it shipped, in merge order. */
  changesOf: Map<string, Change[]>;
}

/** How a deployment's contents are known; decided per deployment, never per change. */
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
  /** Change id → position in `list` of the first deployment listing it explicitly. */
  explicit: Map<string, number>;
  /** Positions in `list` of deployments without an explicit list, and their finish times. */
  mergeOrder: Int32Array;
  mergeOrderTimes: Float64Array;
  shipped: Change[][];
}

function indexService(all: Deployment[], timeline: DeploymentTimeline): ServiceIndex {
  const list = all.filter((d) => !timeline.rollbacks.has(d.id));
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
    shipped: list.map(() => []),
  };
}

function byMerge(a: Change, b: Change): number {
  return a.mergedAt - b.mergedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export function shipChanges(
  changes: Change[],
  timeline: DeploymentTimeline,
  asOf: EpochMs,
  wanted: ReadonlySet<string> = new Set(),
): Shipping {
  const indexes = new Map<string, ServiceIndex>();
  for (const [service, list] of timeline.byService)
    indexes.set(service, indexService(list, timeline));
  const shipped: ShippedChange[] = [];
  const deploymentOf = new Map<string, Deployment>();
  for (const change of changes) {
    if (change.mergedAt > asOf) continue;
    const index = indexes.get(change.service);
    if (!index) continue;
    const listed = index.explicit.size ? (index.explicit.get(change.id) ?? -1) : -1;
    const k = firstAfter(index.mergeOrderTimes, change.mergedAt);
    const ordered = k < index.mergeOrder.length ? (index.mergeOrder[k] as number) : -1;
    // Positions follow finish order, so the smaller one is the earlier deployment.
    const position = listed < 0 ? ordered : ordered < 0 ? listed : Math.min(listed, ordered);
    if (position < 0) continue;
    const deployment = index.list[position] as Deployment;
    (index.shipped[position] as Change[]).push(change);
    shipped.push({ change, deployment });
    if (wanted.has(change.id)) deploymentOf.set(change.id, deployment);
  }
  const changesOf = new Map<string, Change[]>();
  for (const index of indexes.values())
    index.list.forEach((d, position) => {
      const list = index.shipped[position] as Change[];
      if (!list.length) return;
      if (list.length > 1) list.sort(byMerge);
      changesOf.set(d.id, list);
    });
  return { shipped, deploymentOf, changesOf };
}
