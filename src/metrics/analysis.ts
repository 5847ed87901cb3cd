import type { EngineConfig } from "../config/engine-config.ts";
import type { Change, Deployment, EpochMs, Incident, RecordSet } from "../domain/records.ts";
import { type ControlVerdict, controlsFor, evaluateControls, indexChecks } from "./compliance.ts";
import {
  buildTimeline,
  type DeploymentTimeline,
  productionDeployments,
  type RollbackLink,
} from "./deployment-timeline.ts";
import { type Failure, failures, linkIncidents } from "./failures.ts";
import { CaseFold, LabelSet } from "./label-set.ts";
import { type ReworkReason, reworkDeployments } from "./rework.ts";
import { teamOf } from "./scopes.ts";
import { shipChanges } from "./shipping.ts";

// The facts every windowed KPI and every explanation is built from, computed once per
// asOf: which deployment shipped what, which failed and why, recovery, rework and
// compliance verdicts. Records after asOf do not exist yet (METRICS.md decision 1).

export interface DeploymentFacts {
  deployment: Deployment;
  team: string;
  shipped: Change[];
  /** Set when this deployment is itself a rollback of another. */
  rollbackOfId?: string;
  /** Set when a later deployment rolled this one back. */
  rolledBackBy?: RollbackLink;
  failure?: Failure;
  rework?: ReworkReason[];
  controls: ControlVerdict[];
  compliant: boolean;
}

export interface ChangeFacts {
  change: Change;
  team: string;
  deployment: Deployment;
  deployedAt: EpochMs;
  firstCommitAt: EpochMs;
  leadTimeMs: number;
  /** Only for feature changes. */
  featureLatencyMs?: number;
}

export interface Analysis {
  asOf: EpochMs;
  timeline: DeploymentTimeline;
  deployments: DeploymentFacts[];
  changes: ChangeFacts[];
  /** Change id → the production deployment that shipped it, for changes incidents or experiments name. */
  deploymentOfChange: Map<string, Deployment>;
}

const FEATURE_TITLE = /^feat(\([^)]*\))?!?:/i;

export function firstCommitAt(change: Change): EpochMs {
  if (!change.commits.length) return change.createdAt ?? change.mergedAt;
  let first = Number.POSITIVE_INFINITY;
  for (const commit of change.commits) if (commit.authoredAt < first) first = commit.authoredAt;
  return first;
}

export function isFeature(change: Change, featureLabels: LabelSet): boolean {
  return (
    featureLabels.matchesAny(change.labels) ||
    (change.title !== undefined && FEATURE_TITLE.test(change.title))
  );
}

/** Incidents as known at asOf: later ones dropped, later resolutions not yet happened. */
function incidentsAt(incidents: Incident[], asOf: EpochMs): Incident[] {
  return incidents
    .filter((i) => i.startedAt <= asOf)
    .map((i) =>
      i.resolvedAt !== undefined && i.resolvedAt > asOf ? { ...i, resolvedAt: undefined } : i,
    );
}

function changeFacts(
  change: Change,
  deployment: Deployment,
  config: EngineConfig,
  featureLabels: LabelSet,
): ChangeFacts {
  const first = firstCommitAt(change);
  const deployedAt = deployment.finishedAt;
  const facts: ChangeFacts = {
    change,
    team: teamOf(config.serviceTeam, change.service),
    deployment,
    deployedAt,
    firstCommitAt: first,
    leadTimeMs: Math.max(0, deployedAt - first),
  };
  if (isFeature(change, featureLabels)) {
    let start = first;
    for (const item of change.linkedItems)
      if (item.createdAt !== undefined && item.createdAt < start) start = item.createdAt;
    facts.featureLatencyMs = Math.max(0, deployedAt - start);
  }
  return facts;
}

export function analyze(records: RecordSet, config: EngineConfig, asOf: EpochMs): Analysis {
  const timeline = buildTimeline(productionDeployments(records, config, asOf));
  const incidents = incidentsAt(records.incidents, asOf);
  const referenced = new Set<string>();
  for (const i of incidents) if (i.changeId !== undefined) referenced.add(i.changeId);
  for (const e of records.experiments) referenced.add(e.changeId);
  const shipping = shipChanges(records.changes, timeline, asOf, referenced);
  const links = linkIncidents(incidents, timeline, shipping, config.attributionWindowMs);
  const failed = failures(timeline, links);
  const rework = reworkDeployments(
    timeline,
    shipping,
    new Set(incidents.map((i) => i.id)),
    new LabelSet(config.reworkLabels),
  );
  const checks = indexChecks(records.checks, asOf);
  const fold = new CaseFold();
  const rollbackOf = new Map<string, string>();
  for (const [target, link] of timeline.rolledBack) rollbackOf.set(link.rollback.id, target);
  const deployments = timeline.production.map((d): DeploymentFacts => {
    const shipped = shipping.changesOf.get(d.id) ?? [];
    const controls = evaluateControls(d, shipped, controlsFor(config, d.service), checks, fold);
    return {
      deployment: d,
      team: teamOf(config.serviceTeam, d.service),
      shipped,
      rollbackOfId:
        rollbackOf.get(d.id) ?? (timeline.rollbacks.has(d.id) ? d.rollbackOf : undefined),
      rolledBackBy: timeline.rolledBack.get(d.id),
      failure: failed.get(d.id),
      rework: rework.get(d.id),
      controls,
      compliant: controls.every((v) => v.pass),
    };
  });
  const changes: ChangeFacts[] = [];
  const featureLabels = new LabelSet(config.featureLabels);
  for (const { change, deployment } of shipping.shipped)
    changes.push(changeFacts(change, deployment, config, featureLabels));
  return { asOf, timeline, deployments, changes, deploymentOfChange: shipping.deploymentOf };
}
