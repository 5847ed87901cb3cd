import type { EngineConfig } from "../config/engine-config.ts";
import { type EpochMs, emptyRecordSet, type RecordSet } from "../domain/records.ts";
import type { DeploymentCount } from "../engine/dora.ts";
import type { DeploymentRange, TimeRange } from "../store/horizon-ranges.ts";
import type { HorizonReads } from "../store/store.ts";
import { before, horizonOf, type ServiceStart, startsFor } from "./working-set-bounds.ts";
import { expand, type Frontier, type Held } from "./working-set-reach.ts";

// Reads a bounded working set (METRICS.md decisions 144–147): each service from its start,
// the records those name, and again further back wherever they reach behind a start, until
// nothing does. What lies before the starts is summed (successful deployments) or asked
// about (commits deployed before), never held.

export interface Bounds {
  /** The asOf the set was read for: an earlier one needs another read. */
  asOf: EpochMs;
  horizon: EpochMs;
  /** Stored environment names the config calls production. */
  environments: string[];
  starts: Map<string, ServiceStart>;
}

export interface BoundedSet {
  records: RecordSet;
  seq: number;
  bounds: Bounds;
  /** Commits whose checks, and changes whose experiments, the set holds all of. */
  checkedShas: Set<string>;
  experimentChanges: Set<string>;
  deployedEarlier: Array<{ service: string; sha: string }>;
  countedEarlier: DeploymentCount[];
}

/** The ranges a service adds when its start moves from `old` (or nothing) to `start`. */
function rangesOf(service: string, start: ServiceStart, old?: ServiceStart) {
  const deployments: DeploymentRange[] = [];
  const changes: TimeRange[] = [];
  const incidents: TimeRange[] = [];
  const to = old?.deployments;
  if (!to || before(start.deployments.at, start.deployments.id, to)) {
    deployments.push({ service, from: start.deployments, ...(to ? { to } : {}) });
    if (!to || start.deployments.at < to.at)
      incidents.push({ service, from: start.deployments.at, ...(to ? { to: to.at } : {}) });
  }
  if (!old || start.changes < old.changes)
    changes.push({ service, from: start.changes, ...(old ? { to: old.changes } : {}) });
  return { deployments, changes, incidents };
}

async function readRanges(reads: HorizonReads, ranges: ReturnType<typeof rangesOf>[]) {
  return {
    deployments: await reads.deploymentsIn(ranges.flatMap((r) => r.deployments)),
    changes: await reads.changesIn(ranges.flatMap((r) => r.changes)),
    incidents: await reads.incidentsIn(ranges.flatMap((r) => r.incidents)),
  };
}

/** Adds records by identity: a record read twice (two ranges, a range and a look-up) once. */
function addAll<R extends { id: string }>(into: R[], seen: Set<string>, records: readonly R[]) {
  const added: R[] = [];
  for (const r of records) {
    if (seen.has(r.id)) continue;
    seen.add(r.id);
    into.push(r);
    added.push(r);
  }
  return added;
}

export async function readBounded(
  reads: HorizonReads,
  config: EngineConfig,
  asOf: EpochMs,
  /** Services whose horizon an earlier read found must lie further back. */
  carried: ReadonlyMap<string, EpochMs> = new Map(),
): Promise<BoundedSet> {
  const horizon = horizonOf(config, asOf);
  const environments = (await reads.environments()).filter((e) =>
    config.productionEnvironment.test(e),
  );
  const horizons = new Map<string, EpochMs>();
  for (const service of await reads.services())
    horizons.set(service, Math.min(horizon, carried.get(service) ?? horizon));
  const starts = await startsFor(reads, environments, horizons);
  const records = emptyRecordSet();
  const seen = { d: new Set<string>(), c: new Set<string>(), i: new Set<string>() };
  const take = (found: Frontier): Frontier => ({
    deployments: addAll(records.deployments, seen.d, found.deployments),
    changes: addAll(records.changes, seen.c, found.changes),
    incidents: addAll(records.incidents, seen.i, found.incidents),
  });
  const first = await readRanges(
    reads,
    [...starts].map(([s, start]) => rangesOf(s, start)),
  );
  let frontier = take({
    ...first,
    incidents: [...first.incidents, ...(await reads.incidentsFrom(horizon))],
  });
  const held: Held = {
    deployment: (id) => seen.d.has(id),
    change: (id) => seen.c.has(id),
    incident: (id) => seen.i.has(id),
    checkedShas: new Set(),
    experimentChanges: new Set(),
  };
  const ctx = { reads, config, environments, starts, horizon, held };
  while (frontier.deployments.length + frontier.changes.length + frontier.incidents.length) {
    const found = await expand(ctx, frontier);
    // Loops, not push(...): a spread of a hundred thousand checks overflows the stack.
    for (const check of found.checks) records.checks.push(check);
    for (const experiment of found.experiments) records.experiments.push(experiment);
    const moved = new Map<string, EpochMs>();
    for (const [service, t] of found.reach) {
      horizons.set(service, t);
      moved.set(service, t);
    }
    const next = await startsFor(reads, environments, moved);
    const ranges = [...next].map(([s, start]) => rangesOf(s, start, starts.get(s)));
    for (const [s, start] of next) starts.set(s, start);
    const more = await readRanges(reads, ranges);
    frontier = take({ ...more, incidents: [...more.incidents, ...found.incidents] });
  }
  const findings = await reads.vulnerabilitiesFrom(horizon);
  const listed = new Set(findings.map((v) => v.id));
  for (const v of await reads.vulnerabilityPerService()) if (!listed.has(v.id)) findings.push(v);
  records.vulnerabilities = findings;
  records.costs = await reads.costsFrom(horizon);
  const policies = await reads.branchPolicies();
  if (policies.length) records.branchPolicies = policies;
  const bounds = { asOf, horizon, environments, starts };
  return {
    records,
    seq: reads.seq,
    bounds,
    checkedShas: held.checkedShas,
    experimentChanges: held.experimentChanges,
    deployedEarlier: await deployedEarlier(reads, bounds, records),
    countedEarlier: await reads.successesBefore(
      [...starts]
        .filter(([, s]) => s.deployments.at > Number.NEGATIVE_INFINITY)
        .map(([service, s]) => ({ service, from: s.deployments })),
    ),
  };
}

/** Commits of the set's production deployments that production deployed before their start. */
export function deployedEarlier(
  reads: HorizonReads,
  bounds: Bounds,
  records: Pick<RecordSet, "deployments">,
) {
  const production = new Set(bounds.environments);
  return reads.deployedBefore(
    bounds.environments,
    records.deployments.flatMap((d) => {
      const start = bounds.starts.get(d.service);
      if (!start || start.deployments.at === Number.NEGATIVE_INFINITY) return [];
      if (d.status !== "success" || !production.has(d.environment)) return [];
      return [{ service: d.service, sha: d.commitSha, before: start.deployments }];
    }),
  );
}
