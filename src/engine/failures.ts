import type { Deployment, EpochMs, Incident } from "../domain/records.ts";
import { byFinish, type DeploymentTimeline } from "./deployment-timeline.ts";
import type { Shipping } from "./shipping.ts";

// Failed deployments and their recovery (contract §3; METRICS.md decisions
// 10–12). Incidents link by explicit reference first, by the attribution window
// otherwise; a rollback fails the deployment it rolls back.

/** Which deployment shipped a change, for the changes incidents name. */
export type ChangeShipping = Pick<Shipping, "deploymentOf">;

export type IncidentRule = "deployment_id" | "commit_sha" | "change_id" | "attribution_window";

export interface IncidentLink {
  incident: Incident;
  rule: IncidentRule;
}

export interface Failure {
  incidents: IncidentLink[];
  /** Recovery instant, or undefined while any linked incident is unresolved at asOf. */
  recoveredAt?: EpochMs;
}

function latestAtOrBefore(candidates: Deployment[], t: EpochMs): Deployment | undefined {
  let best: Deployment | undefined;
  for (const d of candidates) if (d.finishedAt <= t && (!best || byFinish(best, d) < 0)) best = d;
  return best;
}

/** Deployments look an incident's commit up by its first 7 characters. */
export const SHA_PREFIX = 7;

function bySha(timeline: DeploymentTimeline, incident: Incident): Deployment | undefined {
  const prefix = incident.commitSha?.toLowerCase();
  if (!prefix || prefix.length < SHA_PREFIX) return undefined;
  const candidates = timeline.byShaPrefix(prefix.slice(0, SHA_PREFIX));
  const matching = candidates.filter((d) => d.commitSha.startsWith(prefix));
  if (!matching.length) return undefined;
  const own = matching.filter((d) => d.service === incident.service);
  const pool = own.length ? own : matching;
  return latestAtOrBefore(pool, incident.startedAt) ?? pool[0];
}

function explicitLink(
  incident: Incident,
  timeline: DeploymentTimeline,
  shipping: ChangeShipping,
): [Deployment, IncidentRule] | undefined {
  const byId =
    incident.deploymentId === undefined ? undefined : timeline.byId.get(incident.deploymentId);
  if (byId) return [byId, "deployment_id"];
  const sha = bySha(timeline, incident);
  if (sha) return [sha, "commit_sha"];
  const byChange =
    incident.changeId === undefined ? undefined : shipping.deploymentOf.get(incident.changeId);
  if (byChange) return [byChange, "change_id"];
  return undefined;
}

function windowLink(
  incident: Incident,
  timeline: DeploymentTimeline,
  windowMs: number,
): Deployment | undefined {
  if (windowMs <= 0) return undefined;
  const before = latestAtOrBefore(
    timeline.byService.get(incident.service) ?? [],
    incident.startedAt - 1,
  );
  if (!before || before.finishedAt >= incident.startedAt) return undefined;
  return incident.startedAt - before.finishedAt <= windowMs ? before : undefined;
}

export function linkIncidents(
  incidents: Incident[],
  timeline: DeploymentTimeline,
  shipping: ChangeShipping,
  attributionWindowMs: number,
): Map<string, IncidentLink[]> {
  const links = new Map<string, IncidentLink[]>();
  const add = (d: Deployment, link: IncidentLink) => {
    const list = links.get(d.id);
    if (list) list.push(link);
    else links.set(d.id, [link]);
  };
  for (const incident of incidents) {
    const explicit = explicitLink(incident, timeline, shipping);
    if (explicit) {
      add(explicit[0], { incident, rule: explicit[1] });
      continue;
    }
    const windowed = windowLink(incident, timeline, attributionWindowMs);
    if (windowed) add(windowed, { incident, rule: "attribution_window" });
  }
  return links;
}

/** Deployment id → failure, for every failed production deployment. */
export function failures(
  timeline: DeploymentTimeline,
  incidentLinks: Map<string, IncidentLink[]>,
): Map<string, Failure> {
  // Only deployments with a linked incident or a rollback can fail: walk those, not all.
  const out = new Map<string, Failure>();
  for (const [id, incidents] of incidentLinks) {
    const unresolved = incidents.some((l) => l.incident.resolvedAt === undefined);
    const latest = Math.max(...incidents.map((l) => l.incident.resolvedAt ?? 0));
    out.set(id, { incidents, recoveredAt: unresolved ? undefined : latest });
  }
  for (const [id, rollback] of timeline.rolledBack)
    if (!out.has(id)) out.set(id, { incidents: [], recoveredAt: rollback.rollback.finishedAt });
  return out;
}
