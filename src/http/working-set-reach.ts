import type { EngineConfig } from "../config/engine-config.ts";
import type {
  Change,
  CheckResult,
  Deployment,
  EpochMs,
  ExperimentResult,
  Incident,
} from "../domain/records.ts";
import type { HorizonReads } from "../store/store.ts";
import { before, type ServiceStart } from "./working-set-bounds.ts";

// What records newly in a bounded working set reach beyond it (METRICS.md decision 145).
// Some only need a few more records read by identity (checks of their commits, incidents
// naming them, experiments on their changes); others mean a service's start must move back
// (the "reach"): a change listed or named before its service's start, a deployment listed
// it earlier, an incident names an older deployment, a rollback marks one (or one behind a
// start marks a held one), or an incident
// still open at the horizon started near the start, so the attribution window looks behind.

/** What the working set already holds, as a frontier is expanded against it. */
export interface Held {
  deployment(id: string): boolean;
  change(id: string): boolean;
  incident(id: string): boolean;
  /** Commits whose checks were read. */
  readonly checkedShas: Set<string>;
  /** Changes whose experiments were read. */
  readonly experimentChanges: Set<string>;
}

export interface Frontier {
  deployments: Deployment[];
  changes: Change[];
  incidents: Incident[];
}

export interface Expansion {
  /** Service → the instant its horizon must move back to (only earlier than its own). */
  reach: Map<string, EpochMs>;
  incidents: Incident[];
  checks: CheckResult[];
  experiments: ExperimentResult[];
}

export interface ReachContext {
  reads: HorizonReads;
  config: EngineConfig;
  environments: readonly string[];
  starts: ReadonlyMap<string, ServiceStart>;
  /** The global horizon: an incident resolved before it recovers nothing a KPI counts. */
  horizon: EpochMs;
  held: Held;
}

const prefixOf = (sha: string | undefined) =>
  sha !== undefined && sha.length >= 7 ? sha.slice(0, 7).toLowerCase() : undefined;

export async function expand(ctx: ReachContext, frontier: Frontier): Promise<Expansion> {
  const { reads, held, starts } = ctx;
  const out: Expansion = { reach: new Map(), incidents: [], checks: [], experiments: [] };
  const reach = (service: string, t: EpochMs) => {
    const start = starts.get(service);
    if (!start || t >= start.exactFrom) return;
    out.reach.set(service, Math.min(t, out.reach.get(service) ?? t));
  };
  const { deployments, changes } = frontier;
  // Changes listed or named that the set lacks were merged before their service's start.
  const listed = deployments.flatMap((d) => d.changes ?? []).filter((id) => !held.change(id));
  for (const ref of await reads.changeRefs([...new Set(listed)])) reach(ref.service, ref.merged_at);
  await reachListers(ctx, changes, reach);
  const shas = [...new Set(deployments.map((d) => d.commitSha))].filter(
    (sha) => !held.checkedShas.has(sha),
  );
  for (const sha of shas) held.checkedShas.add(sha);
  out.checks = await reads.checksOf(shas);
  const changeIds = changes.map((c) => c.id).filter((id) => !held.experimentChanges.has(id));
  for (const id of changeIds) held.experimentChanges.add(id);
  out.experiments = await reads.experimentsOf(changeIds);
  // Marks both ways: a target behind a start, and a rollback behind one marking a new record.
  const marks = deployments.flatMap((d) => d.rollbackOf ?? []).filter((id) => !held.deployment(id));
  await reachDeployments(
    ctx,
    marks,
    [],
    reach,
    deployments.map((d) => d.id),
  );
  // Incidents naming the new records, then what those incidents name in turn.
  const referring = await reads.incidentsReferring({
    ids: [...new Set(changes.flatMap((c) => c.linkedItems.map((item) => item.id)))],
    deploymentIds: deployments.map((d) => d.id),
    changeIds: changes.map((c) => c.id),
    prefixes: [...new Set(deployments.flatMap((d) => prefixOf(d.commitSha) ?? []))],
  });
  const fresh = new Map<string, Incident>();
  for (const i of [...frontier.incidents, ...referring]) fresh.set(i.id, i);
  out.incidents = referring.filter((i) => !held.incident(i.id));
  await reachFromIncidents(ctx, [...fresh.values()], reach);
  return out;
}

async function reachListers(
  ctx: ReachContext,
  changes: readonly Change[],
  reach: (service: string, t: EpochMs) => void,
) {
  const byService = new Map<string, string[]>();
  for (const c of changes) {
    const ids = byService.get(c.service);
    if (ids) ids.push(c.id);
    else byService.set(c.service, [c.id]);
  }
  for (const [service, ids] of byService) {
    const start = ctx.starts.get(service);
    if (!start || start.deployments.at === Number.NEGATIVE_INFINITY) continue;
    const at = await ctx.reads.earliestListerBefore(
      ctx.environments,
      service,
      ids,
      start.deployments,
    );
    if (at !== undefined) reach(service, at);
  }
}

/**
 * Production deployments of these ids or commit prefixes, or marking one of `marked` as
 * rolled back, that lie before their service's start.
 */
async function reachDeployments(
  ctx: ReachContext,
  ids: readonly string[],
  prefixes: readonly string[],
  reach: (service: string, t: EpochMs) => void,
  marked: readonly string[] = [],
) {
  const refs = await ctx.reads.deploymentRefs(
    ctx.environments,
    [...new Set(ids)],
    [...new Set(prefixes)],
    marked,
  );
  for (const ref of refs) {
    const start = ctx.starts.get(ref.service);
    if (ref.production && start && before(ref.finishedAt, ref.id, start.deployments))
      reach(ref.service, ref.finishedAt);
  }
}

async function reachFromIncidents(
  ctx: ReachContext,
  incidents: readonly Incident[],
  reach: (service: string, t: EpochMs) => void,
) {
  const ids = incidents.flatMap((i) =>
    i.deploymentId !== undefined && !ctx.held.deployment(i.deploymentId) ? [i.deploymentId] : [],
  );
  const prefixes = incidents.flatMap((i) => prefixOf(i.commitSha) ?? []);
  await reachDeployments(ctx, ids, prefixes, reach);
  const named = incidents.flatMap((i) =>
    i.changeId !== undefined && !ctx.held.change(i.changeId) ? [i.changeId] : [],
  );
  for (const ref of await ctx.reads.changeRefs([...new Set(named)]))
    reach(ref.service, ref.merged_at);
  const attribution = ctx.config.attributionWindowMs;
  for (const i of incidents) {
    const start = ctx.starts.get(i.service);
    const leaky = i.resolvedAt === undefined || i.resolvedAt >= ctx.horizon;
    if (leaky && start && i.startedAt - attribution < start.deployments.at)
      reach(i.service, i.startedAt - attribution);
  }
}
