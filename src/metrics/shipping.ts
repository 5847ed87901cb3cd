import type { Change, Deployment, EpochMs } from "../domain/records.ts";
import { byFinish, type DeploymentTimeline } from "./deployment-timeline.ts";

// Which production deployment ships each change (contract section 3, METRICS.md
// decision 6): a deployment with an explicit list ships exactly those changes of its
// service; one without contains every change merged strictly before it finished. The
// earliest non-rollback deployment that contains a change ships it.

export interface Shipping {
  /** Change id → the deployment that shipped it. */
  deploymentOf: Map<string, Deployment>;
  /** Deployment id → the changes it shipped, in merge order. */
  changesOf: Map<string, Change[]>;
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

function byMerge(a: Change, b: Change): number {
  return a.mergedAt - b.mergedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

interface ServiceIndex {
  explicit: Map<string, Deployment>;
  mergeOrder: Deployment[];
  mergeOrderTimes: Float64Array;
}

function indexService(list: Deployment[], timeline: DeploymentTimeline): ServiceIndex {
  const explicit = new Map<string, Deployment>();
  const mergeOrder: Deployment[] = [];
  for (const d of list) {
    if (timeline.rollbacks.has(d.id)) continue;
    if (!d.changes) {
      mergeOrder.push(d);
      continue;
    }
    for (const id of d.changes) if (!explicit.has(id)) explicit.set(id, d);
  }
  return {
    explicit,
    mergeOrder,
    mergeOrderTimes: Float64Array.from(mergeOrder, (d) => d.finishedAt),
  };
}

export function shipChanges(
  changes: Change[],
  timeline: DeploymentTimeline,
  asOf: EpochMs,
): Shipping {
  const indexes = new Map<string, ServiceIndex>();
  for (const [service, list] of timeline.byService)
    indexes.set(service, indexService(list, timeline));
  const deploymentOf = new Map<string, Deployment>();
  const changesOf = new Map<string, Change[]>();
  for (const change of changes) {
    if (change.mergedAt > asOf) continue;
    const index = indexes.get(change.service);
    if (!index) continue;
    const byList = index.explicit.get(change.id);
    const byOrder = index.mergeOrder[firstAfter(index.mergeOrderTimes, change.mergedAt)];
    const shipper = !byList
      ? byOrder
      : !byOrder
        ? byList
        : byFinish(byList, byOrder) <= 0
          ? byList
          : byOrder;
    if (!shipper) continue;
    deploymentOf.set(change.id, shipper);
    const shipped = changesOf.get(shipper.id);
    if (shipped) shipped.push(change);
    else changesOf.set(shipper.id, [change]);
  }
  // Merge order within each deployment; sorting the small lists beats sorting every change.
  for (const shipped of changesOf.values()) if (shipped.length > 1) shipped.sort(byMerge);
  return { deploymentOf, changesOf };
}
