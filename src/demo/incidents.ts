import type { Change, Deployment, EpochMs, Incident } from "../domain/records.ts";
import type { ServiceContext } from "./changes.ts";
import type { IncidentPlan } from "./fates.ts";
import { DAY, HOUR, MINUTE, startOfDay, weekday } from "./time.ts";
import { incidentTitle } from "./wording.ts";

// Incidents as an alerting tool reports them. Ids are given once every service is
// generated (numbered by start time, like a real tool), so they start out empty.

const SEVERITIES = ["sev1", "sev2", "sev2", "sev3", "sev3", "sev3", "sev4"] as const;

function base(
  ctx: ServiceContext,
  external: boolean,
  startedAt: EpochMs,
  resolvedAt?: EpochMs,
): Incident {
  const { random, service } = ctx;
  return {
    id: "",
    service: service.name,
    startedAt,
    resolvedAt,
    severity: random.pick(SEVERITIES),
    title: incidentTitle(service.name, external, random),
  };
}

/** The incident a deployment caused, referencing it the way the plan says. */
export function deploymentIncident(
  ctx: ServiceContext,
  deployment: Deployment,
  shipped: Change[],
  plan: IncidentPlan,
): Incident {
  const { random } = ctx;
  const resolvedAt =
    plan.resolveAfter === undefined ? undefined : deployment.finishedAt + plan.resolveAfter;
  const incident = base(ctx, false, deployment.finishedAt + plan.startAfter, resolvedAt);
  if (plan.reference === "deployment") incident.deploymentId = deployment.id;
  // Alert annotations usually carry a short SHA: any prefix of 7 or more characters.
  if (plan.reference === "commit")
    incident.commitSha = deployment.commitSha.slice(0, random.int(7, 12));
  if (plan.reference === "change" && shipped.length) incident.changeId = random.pick(shipped).id;
  return incident;
}

/**
 * Weekend incidents with no deployment behind them (a provider outage, a traffic
 * spike): more than a day after Friday's last deployment, so no deployment fails.
 */
export function weekendIncidents(ctx: ServiceContext): Incident[] {
  const { random, span } = ctx;
  const incidents: Incident[] = [];
  for (let day = startOfDay(span.start) + DAY; day <= span.asOf; day += DAY) {
    if (weekday(day) !== 0 || !random.chance(0.12)) continue;
    const startedAt = day + random.between(9, 20) * HOUR;
    if (startedAt > span.asOf) continue;
    const resolvedAt = startedAt + random.spread(20, 360) * MINUTE;
    incidents.push(base(ctx, true, startedAt, resolvedAt <= span.asOf ? resolvedAt : undefined));
  }
  return incidents;
}
