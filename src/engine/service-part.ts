import type { EngineConfig } from "../config/engine-config.ts";
import { inForce } from "../config/policy-history.ts";
import type { Deployment, EpochMs } from "../domain/records.ts";
import type { ChangeFacts, DeploymentFacts } from "./analysis-types.ts";
import { changeFacts } from "./change-facts.ts";
import { changeSetOf } from "./change-set.ts";
import { evaluateControls, policiesFor } from "./compliance.ts";
import {
  byFinish,
  isProduction,
  type ServiceRollbacks,
  serviceRollbacks,
} from "./deployment-timeline.ts";
import { SHA_PREFIX } from "./failures.ts";
import { CaseFold, LabelSet } from "./label-set.ts";
import { reworkReasons } from "./rework.ts";
import { teamOf } from "./scopes.ts";
import { containmentOf, shipService } from "./shipping.ts";
import type { WorkingSet } from "./working-set.ts";

// What one service's records decide on their own at asOf: its production deployments,
// rollbacks, what each shipped, rework and control verdicts, and its changes' lead
// times. The incremental engine keeps one per service and redoes it only when a write
// touches the service or asOf passes an instant the part looked at.

/**
 * A deployment's facts as its own service decides them: failure and rollback links are the
 * whole set's, undefined here. A deployment no other fact reaches is served as it is.
 */
export type OwnFacts = DeploymentFacts;

export interface ServicePart extends ServiceRollbacks {
  service: string;
  /** Production deployments at asOf, in finish order. */
  production: Deployment[];
  /** The same by the first 7 characters of their commit. */
  byShaPrefix: Map<string, Deployment[]>;
  facts: Map<string, OwnFacts>;
  /** The same in `production` order. */
  inOrder: OwnFacts[];
  changes: ChangeFacts[];
  /** Shipped change id → the deployment that shipped it. */
  deploymentOf: Map<string, Deployment>;
  /** Successful deployments by asOf per environment, for dora_deployments_total. */
  succeeded: Map<string, number>;
  /** The earliest instant after asOf that this part looked at: past it, redo the part. */
  validUntil: EpochMs;
}

export function analyzeService(
  ws: WorkingSet,
  service: string,
  config: EngineConfig,
  asOf: EpochMs,
): ServicePart {
  let validUntil = Number.POSITIVE_INFINITY;
  const later = (t: EpochMs) => {
    if (t > asOf && t < validUntil) validUntil = t;
  };
  const production: Deployment[] = [];
  const succeeded = new Map<string, number>();
  for (const d of ws.deployments.group(service)) {
    later(d.finishedAt);
    if (d.status === "success" && d.finishedAt <= asOf)
      succeeded.set(d.environment, (succeeded.get(d.environment) ?? 0) + 1);
    if (isProduction(d, config, asOf)) production.push(d);
  }
  production.sort(byFinish);
  const byShaPrefix = new Map<string, Deployment[]>();
  for (const d of production) {
    const prefix = d.commitSha.slice(0, SHA_PREFIX);
    const list = byShaPrefix.get(prefix);
    if (list) list.push(d);
    else byShaPrefix.set(prefix, [d]);
  }
  const earlier = ws.deployedEarlier.get(service);
  const rollbacks = serviceRollbacks(
    production,
    (id) => {
      const target = ws.deployments.get(id);
      if (target) later(target.finishedAt);
      return target && isProduction(target, config, asOf) ? target : undefined;
    },
    earlier,
  );
  const changes = ws.changes.group(service);
  for (const c of changes) later(c.mergedAt);
  const shipping = shipService(production, rollbacks.rollbacks, changes, asOf);
  const incidentIds = {
    has(id: string): boolean {
      const incident = ws.incidents.get(id);
      if (!incident) return false;
      later(incident.startedAt);
      return incident.startedAt <= asOf;
    },
  };
  const team = teamOf(config.serviceTeam, service);
  const policies = policiesFor(config, service);
  const fold = new CaseFold();
  // Only results done by the deployment's finish count, so none after asOf can.
  const checks = { get: (sha: string) => ws.checks.group(sha) };
  const reworkLabels = new LabelSet(config.reworkLabels);
  const facts = new Map<string, OwnFacts>();
  const inOrder: OwnFacts[] = [];
  // Commits of the earlier production deployments: the service's whole history at asOf,
  // with those deployed before the working set starts.
  const deployedCommits = new Set<string>(earlier);
  for (const d of production) {
    const shipped = shipping.changesOf.get(d.id) ?? [];
    const rollback = rollbacks.rollbacks.has(d.id);
    const changeSet = changeSetOf(
      containmentOf(d) !== "merge_order",
      rollback,
      shipped.length,
      deployedCommits.has(d.commitSha),
    );
    deployedCommits.add(d.commitSha);
    // Judged by the policy in force when it finished (contract §8.2).
    const policy = inForce(policies, d.finishedAt);
    const verdicts = evaluateControls(d, shipped, policy.resolved, checks, fold, changeSet);
    // Every field, in the order assembleAnalysis writes them, so either object reads alike.
    const own: OwnFacts = {
      deployment: d,
      team,
      shipped,
      changeSet,
      policy: policy.digest,
      rollbackOfId: undefined,
      rolledBackBy: undefined,
      failure: undefined,
      rework: reworkReasons(rollback, shipped, incidentIds, reworkLabels),
      controls: verdicts,
      compliant: verdicts.every((v) => v.pass),
    };
    facts.set(d.id, own);
    inOrder.push(own);
  }
  const featureLabels = new LabelSet(config.featureLabels);
  const changeList = shipping.shipped.map(({ change, deployment }) =>
    changeFacts(change, deployment, team, featureLabels),
  );
  return {
    ...rollbacks,
    service,
    production,
    byShaPrefix,
    facts,
    inOrder,
    changes: changeList,
    deploymentOf: shipping.deploymentOf,
    succeeded,
    validUntil,
  };
}
