import type { EngineConfig } from "../config/engine-config.ts";
import type { Deployment, EpochMs } from "../domain/records.ts";
import { compare } from "./scopes.ts";

// Production deployments per service in finish order, and which of them are rollbacks
// (contract §3, METRICS.md decisions 7 and 135). Everything after asOf is already gone.

export interface RollbackLink {
  rollback: Deployment;
  /**
   * How it was recognised: marked with rollbackOf, redeploying an older commit, or a
   * commit the source says is a strict ancestor of the previous deployment's.
   */
  rule: "rollback_mark" | "rollback_sha" | "rollback_ancestor";
}

export interface DeploymentTimeline {
  /** Production deployments, all services, by finishedAt then id. */
  production: Deployment[];
  byService: Map<string, Deployment[]>;
  /** A production deployment by id. */
  byId: { get(id: string): Deployment | undefined };
  /** Production deployments whose commit starts with these 7 characters, in finish order. */
  byShaPrefix(prefix: string): Deployment[];
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

export function isProduction(d: Deployment, config: EngineConfig, asOf: EpochMs): boolean {
  const t = productionTests(d, config, asOf);
  return t.live && t.productionEnvironment && t.finishedByAsOf;
}

/** Who rolls back what, as one service's deployments recognise it. */
export interface ServiceRollbacks {
  /** Each link in the order it was recognised: marks first, then commits going back. */
  links: Array<{ target: Deployment; link: RollbackLink }>;
  /** Ids of this service's deployments that are rollbacks. */
  rollbacks: Set<string>;
  rollbackTargets: Map<string, { target: Deployment; rule: RollbackLink["rule"] }>;
}

/**
 * Rollbacks among one service's production deployments (finish order). `target` finds a
 * marked target among every service's production deployments at asOf.
 */
export function serviceRollbacks(
  list: Deployment[],
  target: (id: string) => Deployment | undefined,
  /** Commits production deployed before list[0], when the list starts after history. */
  deployedEarlier: ReadonlySet<string> = new Set(),
): ServiceRollbacks {
  const found: ServiceRollbacks = { links: [], rollbacks: new Set(), rollbackTargets: new Map() };
  const note = (to: Deployment, link: RollbackLink) => {
    found.links.push({ target: to, link });
    found.rollbacks.add(link.rollback.id);
    if (!found.rollbackTargets.has(link.rollback.id))
      found.rollbackTargets.set(link.rollback.id, { target: to, rule: link.rule });
  };
  for (const d of list) {
    const marked = d.rollbackOf === undefined ? undefined : target(d.rollbackOf);
    if (marked && byFinish(marked, d) < 0) note(marked, { rollback: d, rule: "rollback_mark" });
  }
  // Production moving back in history rolls the previous deployment back: a commit
  // deployed before it, or one the source knows to be a strict ancestor of its commit.
  const olderCommits = new Set<string>(deployedEarlier);
  for (let i = 1; i < list.length; i++) {
    const previous = list[i - 1] as Deployment;
    const current = list[i] as Deployment;
    if (i >= 2) olderCommits.add((list[i - 2] as Deployment).commitSha);
    const sha = current.commitSha;
    if (sha === previous.commitSha) continue;
    if (olderCommits.has(sha)) note(previous, { rollback: current, rule: "rollback_sha" });
    else if (current.ancestorOfPrevious)
      note(previous, { rollback: current, rule: "rollback_ancestor" });
  }
  return found;
}

/**
 * The timeline of every service: production in finish order, and each target rolled
 * back by its earliest rollback (a mark before a commit rule for the same rollback).
 */
export function mergeTimeline(
  production: Deployment[],
  byService: Map<string, Deployment[]>,
  parts: Iterable<ServiceRollbacks>,
  lookups: Pick<DeploymentTimeline, "byId" | "byShaPrefix">,
): DeploymentTimeline {
  const timeline: DeploymentTimeline = {
    production,
    byService,
    ...lookups,
    rolledBack: new Map(),
    rollbacks: new Set(),
    rollbackTargets: new Map(),
  };
  for (const part of parts) {
    for (const id of part.rollbacks) timeline.rollbacks.add(id);
    for (const [id, target] of part.rollbackTargets) timeline.rollbackTargets.set(id, target);
    for (const { target, link } of part.links) {
      const known = timeline.rolledBack.get(target.id);
      if (!known || byFinish(link.rollback, known.rollback) < 0)
        timeline.rolledBack.set(target.id, link);
    }
  }
  return timeline;
}
