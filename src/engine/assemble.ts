import type { EngineConfig } from "../config/engine-config.ts";
import type { Deployment, EpochMs, Incident } from "../domain/records.ts";
import type { Analysis, ChangeFacts, DeploymentFacts } from "./analysis-types.ts";
import { byFinish, mergeTimeline } from "./deployment-timeline.ts";
import { failures, linkIncidents } from "./failures.ts";
import { type PreviousOrder, productionOrder } from "./production-order.ts";
import { compare } from "./scopes.ts";
import type { OwnFacts, ServicePart } from "./service-part.ts";
import { finish, type Steps } from "./steps.ts";
import type { WorkingSet } from "./working-set.ts";

// What crosses services, redone on every snapshot from the parts: the one timeline,
// incidents linked to deployments (by id, commit or change, or by the attribution
// window), failures and recovery. Cheap next to the parts: it walks incidents and
// rollbacks, and touches each deployment once; a serving process still answers scrapes
// between those passes, which at a hundred thousand deployments take 50–100 ms each.

/** Incidents as known at asOf: later ones dropped, later resolutions not yet happened. */
function incidentsAt(incidents: readonly Incident[], asOf: EpochMs): Incident[] {
  const known: Incident[] = [];
  for (const i of incidents) {
    if (i.startedAt > asOf) continue;
    known.push(
      i.resolvedAt !== undefined && i.resolvedAt > asOf ? { ...i, resolvedAt: undefined } : i,
    );
  }
  return known;
}

/** The parts in service order, so the assembly never depends on the order they were made. */
export function orderedParts(parts: Map<string, ServicePart>): ServicePart[] {
  return [...parts.values()].sort((a, b) => compare(a.service, b.service));
}

export function assembleAnalysis(
  parts: readonly ServicePart[],
  ws: WorkingSet,
  config: EngineConfig,
  asOf: EpochMs,
): Analysis {
  return finish(assembleSteps(parts, ws, config, asOf)).analysis;
}

export interface Assembled {
  analysis: Analysis;
  /** Every production deployment's own facts in finish order, for the next refresh. */
  order: OwnFacts[];
  /** The deployments whose facts reach beyond their own service, as assembled. */
  reached: Map<string, DeploymentFacts>;
}

/**
 * The same from the previous order, in steps that yield between the passes over every
 * deployment; also gives the new order for the next refresh.
 */
export function* assembleSteps(
  parts: readonly ServicePart[],
  ws: WorkingSet,
  config: EngineConfig,
  asOf: EpochMs,
  previous?: PreviousOrder,
): Steps<Assembled> {
  const byService = new Map<string, Deployment[]>();
  for (const part of parts)
    if (part.production.length) byService.set(part.service, part.production);
  let total = 0;
  for (const part of parts) total += part.changes.length;
  const changes: ChangeFacts[] = new Array(total);
  let at = 0;
  for (const part of parts) for (const c of part.changes) changes[at++] = c;
  const order = productionOrder(parts, previous);
  yield;
  const production = order.map((f) => f.deployment);
  const partOf = new Map(parts.map((p) => [p.service, p]));
  const timeline = mergeTimeline(production, byService, parts, {
    byId: {
      get(id) {
        const d = ws.deployments.get(id);
        return d && partOf.get(d.service)?.facts.has(id) ? d : undefined;
      },
    },
    byShaPrefix(prefix) {
      const found: Deployment[] = [];
      for (const service of ws.servicesDeployingPrefix(prefix))
        for (const d of partOf.get(service)?.byShaPrefix.get(prefix) ?? []) found.push(d);
      return found.sort(byFinish);
    },
  });
  yield;
  const incidents = incidentsAt(ws.incidents.all(), asOf);
  const deploymentOf = new Map<string, Deployment>();
  const lookUp = (changeId: string) => {
    const change = ws.changes.get(changeId);
    const shipped = change && partOf.get(change.service)?.deploymentOf.get(changeId);
    if (shipped) deploymentOf.set(changeId, shipped);
  };
  for (const i of incidents) if (i.changeId !== undefined) lookUp(i.changeId);
  for (const e of ws.experiments.all()) lookUp(e.changeId);
  const links = linkIncidents(incidents, timeline, { deploymentOf }, config.attributionWindowMs);
  const failed = failures(timeline, links);
  yield;
  const rollbackOf = new Map<string, string>();
  for (const [target, link] of timeline.rolledBack) rollbackOf.set(link.rollback.id, target);
  // Only these deployments carry a fact from beyond their own service; the rest are served
  // as their service's part decided them, with no new object per deployment per refresh.
  const reached = new Set([
    ...rollbackOf.keys(),
    ...timeline.rollbacks,
    ...timeline.rolledBack.keys(),
    ...failed.keys(),
  ]);
  const assembled = new Map<string, DeploymentFacts>();
  const deployments = order.map((own): DeploymentFacts => {
    const d = own.deployment;
    if (!reached.has(d.id)) return own;
    const facts: DeploymentFacts = {
      deployment: d,
      team: own.team,
      shipped: own.shipped,
      changeSet: own.changeSet,
      policy: own.policy,
      rollbackOfId:
        rollbackOf.get(d.id) ?? (timeline.rollbacks.has(d.id) ? d.rollbackOf : undefined),
      rolledBackBy: timeline.rolledBack.get(d.id),
      failure: failed.get(d.id),
      rework: own.rework,
      controls: own.controls,
      compliant: own.compliant,
    };
    assembled.set(d.id, facts);
    return facts;
  });
  const analysis = { asOf, timeline, deployments, changes, deploymentOfChange: deploymentOf };
  return { analysis, order, reached: assembled };
}
