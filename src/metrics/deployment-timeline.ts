import type { EngineConfig } from "../config/engine-config.ts";
import type { Deployment, EpochMs, RecordSet } from "../domain/records.ts";
import { compare } from "./scopes.ts";

// Production deployments per service in finish order, and which of them are rollbacks
// (contract section 3, METRICS.md decision 7). Everything after asOf is already gone.

export interface RollbackLink {
  rollback: Deployment;
  /** How it was recognised: marked with rollbackOf, or redeploying an older commit. */
  rule: "rollback_mark" | "rollback_sha";
}

export interface DeploymentTimeline {
  /** Production deployments, all services, by finishedAt then id. */
  production: Deployment[];
  byService: Map<string, Deployment[]>;
  byId: Map<string, Deployment>;
  /** Deployment id → how it was rolled back, by its earliest rollback. */
  rolledBack: Map<string, RollbackLink>;
  /** Ids of deployments that are rollbacks (they ship no changes). */
  rollbacks: Set<string>;
  /** Rollback id → what it rolls back and by which rule, as first recognised. */
  rollbackTargets: Map<string, { target: Deployment; rule: RollbackLink["rule"] }>;
}

export function byFinish(a: Deployment, b: Deployment): number {
  return a.finishedAt - b.finishedAt || compare(a.id, b.id);
}

/** The three conditions of a production deployment (METRICS.md decisions 1 and 5). */
export interface ProductionTests {
  live: boolean;
  productionEnvironment: boolean;
  finishedByAsOf: boolean;
}

export function productionTests(
  d: Deployment,
  config: EngineConfig,
  asOf: EpochMs,
): ProductionTests {
  return {
    live: d.status === "success",
    productionEnvironment: config.productionEnvironment.test(d.environment),
    finishedByAsOf: d.finishedAt <= asOf,
  };
}

export function productionDeployments(
  records: RecordSet,
  config: EngineConfig,
  asOf: EpochMs,
): Deployment[] {
  return records.deployments
    .filter((d) => {
      const t = productionTests(d, config, asOf);
      return t.live && t.productionEnvironment && t.finishedByAsOf;
    })
    .sort(byFinish);
}

function noteRollback(timeline: DeploymentTimeline, target: Deployment, link: RollbackLink): void {
  timeline.rollbacks.add(link.rollback.id);
  if (!timeline.rollbackTargets.has(link.rollback.id))
    timeline.rollbackTargets.set(link.rollback.id, { target, rule: link.rule });
  const known = timeline.rolledBack.get(target.id);
  if (!known || byFinish(link.rollback, known.rollback) < 0)
    timeline.rolledBack.set(target.id, link);
}

export function buildTimeline(production: Deployment[]): DeploymentTimeline {
  const timeline: DeploymentTimeline = {
    production,
    byService: new Map(),
    byId: new Map(),
    rolledBack: new Map(),
    rollbacks: new Set(),
    rollbackTargets: new Map(),
  };
  for (const d of production) {
    timeline.byId.set(d.id, d);
    const list = timeline.byService.get(d.service);
    if (list) list.push(d);
    else timeline.byService.set(d.service, [d]);
  }
  for (const d of production) {
    const target = d.rollbackOf === undefined ? undefined : timeline.byId.get(d.rollbackOf);
    if (target && byFinish(target, d) < 0)
      noteRollback(timeline, target, { rollback: d, rule: "rollback_mark" });
  }
  for (const list of timeline.byService.values()) {
    // Commits deployed before the previous deployment: redeploying one of them rolls back.
    const olderCommits = new Set<string>();
    for (let i = 1; i < list.length; i++) {
      const previous = list[i - 1] as Deployment;
      const current = list[i] as Deployment;
      if (i >= 2) olderCommits.add((list[i - 2] as Deployment).commitSha);
      const sha = current.commitSha;
      if (sha !== previous.commitSha && olderCommits.has(sha))
        noteRollback(timeline, previous, { rollback: current, rule: "rollback_sha" });
    }
  }
  return timeline;
}
