import type { EngineConfig } from "../config/engine-config.ts";
import type { EpochMs, RecordSet, Vulnerability } from "../domain/records.ts";
import type { HorizonReads } from "../store/store.ts";
import { before, WHOLE } from "./working-set-bounds.ts";
import { type Bounds, deployedEarlier } from "./working-set-load.ts";
import { expand, type Held } from "./working-set-reach.ts";

// A write as a bounded working set takes it (METRICS.md decision 146): the rows it changed,
// with what they name that the set must hold too, or — when the write lies or reaches
// behind a service's start — the services whose horizon must move back, for a new read.

export type DeltaVerdict =
  | { reread: Map<string, EpochMs>; rows: number }
  | {
      reread?: undefined;
      rows: number;
      seq: number;
      delta: Partial<RecordSet>;
      deployedEarlier: Array<{ service: string; sha: string }>;
    };

export interface DeltaContext {
  config: EngineConfig;
  bounds: Bounds;
  held: Held;
  /** A finding as held: it may be the one standing for its service's series. */
  finding(id: string): Vulnerability | undefined;
}

export async function judgeDelta(
  reads: HorizonReads,
  afterSeq: number,
  { config, bounds, held, finding }: DeltaContext,
): Promise<DeltaVerdict> {
  const { records: delta, seq } = await reads.changesSince(afterSeq);
  let rows = 0;
  for (const [key, list] of Object.entries(delta))
    if (key !== "branchPolicies") rows += (list as unknown[]).length;
  if (rows === 0) return { rows, seq, delta, deployedEarlier: [] };
  const reread = new Map<string, EpochMs>();
  const reach = (service: string, t: EpochMs) =>
    reread.set(service, Math.min(t, reread.get(service) ?? t));
  const production = new Set(bounds.environments);
  // A service first seen now has no history behind it: all of it arrives as writes.
  const startOf = (service: string) => {
    const start = bounds.starts.get(service) ?? WHOLE;
    bounds.starts.set(service, start);
    return start;
  };
  // A write to an anchor may leave it no longer a clean start: choose again.
  const anchors = new Map<string, string>();
  for (const [service, start] of bounds.starts)
    if (start.deployments.id !== "") anchors.set(start.deployments.id, service);
  for (const d of delta.deployments) {
    const anchored = anchors.get(d.id);
    if (anchored !== undefined) reach(anchored, startOf(anchored).exactFrom);
    const start = startOf(d.service);
    if (before(d.finishedAt, d.id, start.deployments)) reach(d.service, d.finishedAt);
    const live = d.status === "success" && production.has(d.environment);
    // A first deployment without a list behind a listed anchor may ship older changes.
    if (live && start.listedAnchor && d.changes === undefined) reach(d.service, start.exactFrom);
    // A new production environment name changes which deployments count everywhere.
    if (!production.has(d.environment) && config.productionEnvironment.test(d.environment))
      reach(d.service, start.exactFrom);
  }
  // One stored before, yet not held, lay before its start and is in the earlier counts.
  const unheld = delta.deployments.filter((d) => !held.deployment(d.id)).map((d) => d.id);
  for (const id of await reads.deploymentsStoredAt(unheld, afterSeq)) {
    const d = delta.deployments.find((x) => x.id === id);
    if (d) reach(d.service, startOf(d.service).exactFrom);
  }
  for (const v of delta.vulnerabilities) {
    const was = finding(v.id);
    if (was && (v.openedAt > was.openedAt || v.service !== was.service))
      reach(was.service, startOf(was.service).exactFrom);
  }
  for (const c of delta.changes) {
    const start = startOf(c.service);
    if (c.mergedAt < start.changes) reach(c.service, c.mergedAt);
  }
  const inDelta = {
    d: new Set(delta.deployments.map((d) => d.id)),
    c: new Set(delta.changes.map((c) => c.id)),
    i: new Set(delta.incidents.map((i) => i.id)),
  };
  const withDelta: Held = {
    ...held,
    deployment: (id) => inDelta.d.has(id) || held.deployment(id),
    change: (id) => inDelta.c.has(id) || held.change(id),
    incident: (id) => inDelta.i.has(id) || held.incident(id),
  };
  const { environments, starts, horizon } = bounds;
  const found = await expand(
    { reads, config, environments, starts, horizon, held: withDelta },
    { deployments: delta.deployments, changes: delta.changes, incidents: delta.incidents },
  );
  for (const [service, t] of found.reach) reach(service, t);
  if (reread.size) return { reread, rows };
  const more: Partial<RecordSet> = {
    ...delta,
    checks: [...delta.checks, ...found.checks],
    incidents: [...delta.incidents, ...found.incidents],
    experiments: [...delta.experiments, ...found.experiments],
  };
  const earlier = await deployedEarlier(reads, bounds, delta);
  return { rows, seq, delta: more, deployedEarlier: earlier };
}
