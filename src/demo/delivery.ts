import type {
  Change,
  CheckResult,
  Deployment,
  EpochMs,
  Incident,
  LinkedItem,
} from "../domain/records.ts";
import { buildChange, type ChangePurpose, type ServiceContext } from "./changes.ts";
import { commitChecks } from "./checks.ts";
import { DeploymentLog } from "./deployments.ts";
import { type Fate, planFates } from "./fates.ts";
import { deploymentIncident, weekendIncidents } from "./incidents.ts";
import { deploymentSchedule } from "./schedule.ts";
import { DAY, HOUR, MINUTE } from "./time.ts";

// One service's delivery history, deployment by deployment: the changes merged since
// the previous one, their CI checks, staging, production, then the deployment's fate
// (incident, rollback, hotfix or revert in a later deployment). Changes always merge
// before the staging deployment, so merge order and explicit lists agree on what
// each production deployment shipped.

export interface ShippedFeature {
  change: Change;
  deployedAt: EpochMs;
}

export interface DeliveryData {
  deployments: Deployment[];
  changes: Change[];
  incidents: Incident[];
  checks: CheckResult[];
  features: ShippedFeature[];
  /** Hotfix work items naming an incident, filled in once incidents have ids. */
  incidentLinks: Array<{ item: LinkedItem; incident: Incident }>;
}

interface FollowUp {
  kind: "hotfix" | "revert";
  notBefore: EpochMs;
  incident: Incident;
  of: Change;
}

const FEATURE_SHARE = 0.35;

function mergeChanges(
  ctx: ServiceContext,
  window: { from: EpochMs; to: EpochMs },
  forceFeature: boolean,
  followUps: FollowUp[],
  out: DeliveryData,
): { shipped: Change[]; features: Change[]; waiting: FollowUp[] } {
  const { random, profile } = ctx;
  const planned: Array<[EpochMs, ChangePurpose, FollowUp?]> = [];
  const count = random.int(...profile.changesPerDeploy);
  for (let n = 0; n < count; n++) {
    const feature = (n === 0 && forceFeature) || random.chance(FEATURE_SHARE);
    planned.push([random.between(window.from, window.to), { kind: "planned", feature }]);
  }
  const waiting = followUps.filter((f) => f.notBefore >= window.to);
  for (const f of followUps.filter((f) => f.notBefore < window.to)) {
    const purpose: ChangePurpose =
      f.kind === "hotfix" ? { kind: "hotfix" } : { kind: "revert", of: f.of };
    planned.push([random.between(Math.max(window.from, f.notBefore), window.to), purpose, f]);
  }
  const features: Change[] = [];
  const shipped = planned
    .sort((a, b) => a[0] - b[0])
    .map(([mergedAt, purpose, followUp]) => {
      const change = buildChange(ctx, mergedAt, purpose);
      if (followUp?.kind === "hotfix" && random.chance(0.5)) {
        const item: LinkedItem = { id: "", createdAt: followUp.incident.startedAt };
        change.linkedItems.push(item);
        out.incidentLinks.push({ item, incident: followUp.incident });
      }
      if (purpose.kind === "planned" && purpose.feature) features.push(change);
      return change;
    });
  return { shipped, features, waiting };
}

function applyFate(
  ctx: ServiceContext,
  fate: Fate,
  log: DeploymentLog,
  deployment: Deployment,
  shipped: Change[],
  out: DeliveryData,
): FollowUp | undefined {
  if (fate.rollback)
    log.rollback(deployment, deployment.finishedAt + fate.rollback.after, fate.rollback.marked);
  if (!fate.incident) return undefined;
  const incident = deploymentIncident(ctx, deployment, shipped, fate.incident);
  out.incidents.push(incident);
  if (fate.incident.followUp === "none") return undefined;
  const notBefore = incident.startedAt + ctx.random.spread(10, 240) * MINUTE;
  return { kind: fate.incident.followUp, notBefore, incident, of: ctx.random.pick(shipped) };
}

export function serviceDelivery(ctx: ServiceContext, ongoingIncident: boolean): DeliveryData {
  const { profile, span, random, service } = ctx;
  const times = deploymentSchedule(profile, span, random);
  const fates = planFates(times, profile, span, random, ongoingIncident);
  const log = new DeploymentLog(ctx);
  const out: DeliveryData = {
    deployments: log.records,
    changes: [],
    incidents: [],
    checks: [],
    features: [],
    incidentLinks: [],
  };
  // The latest deployment of the last week ships a feature: every 7d feature KPI has data.
  const featureIndex = times.findLastIndex((t) => t > span.asOf - 7 * DAY + HOUR);
  let followUps: FollowUp[] = [];
  let mergeFrom = (times[0] ?? span.asOf) - DAY;
  times.forEach((finishedAt, i) => {
    const lead = random.spread(...profile.stagingLeadMinutes) * MINUTE;
    const stagingAt = finishedAt - Math.min(lead, (finishedAt - mergeFrom) / 2);
    const merged = mergeChanges(
      ctx,
      { from: mergeFrom, to: stagingAt - 12 * MINUTE },
      i === featureIndex,
      followUps,
      out,
    );
    const shipped = merged.shipped;
    followUps = merged.waiting;
    for (const change of merged.features) out.features.push({ change, deployedAt: finishedAt });
    out.changes.push(...shipped);
    const last = shipped.at(-1) as Change;
    const commit = last.mergeCommitSha as string;
    out.checks.push(
      ...commitChecks(commit, service.name, last.mergedAt + MINUTE, stagingAt - MINUTE, random),
    );
    if (random.chance(0.03)) log.failedAttempt("staging", stagingAt, commit);
    log.staging(stagingAt, commit);
    if (finishedAt - stagingAt > HOUR && random.chance(0.05))
      log.failedAttempt("production", finishedAt, commit);
    const deployment = log.production(finishedAt, commit, shipped);
    const followUp = applyFate(ctx, fates[i] ?? {}, log, deployment, shipped, out);
    if (followUp) followUps.push(followUp);
    mergeFrom = finishedAt;
  });
  out.incidents.push(...weekendIncidents(ctx));
  return out;
}
