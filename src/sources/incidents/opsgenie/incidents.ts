import type { IncidentCandidate } from "../candidate.ts";
import type { IncidentUnit } from "../incident-collector.ts";
import type { OpsgenieClient } from "./client.ts";
import type { BaseIncident } from "./types.ts";

// Opsgenie incidents (Standard and Enterprise plans). The API records no resolution
// time, so the first updatedAt read with the incident resolved (or closed) is its
// resolution: within one polling interval of the truth on an incremental sync, and the
// last update on a backfill. The cursor remembers it so a later note cannot move it.

const RESOLVED = new Set(["resolved", "closed"]);

interface IncidentsCursor {
  through?: number;
  /** Incident id → first resolution seen (epoch ms), pruned at the history start. */
  resolvedAt: Record<string, number>;
}

export function incidentCandidate(
  incident: BaseIncident,
  resolvedAt: number | undefined,
  teamNames: ReadonlyMap<string, string>,
): IncidentCandidate {
  const teams = [
    ...(incident.ownerTeam ? [incident.ownerTeam] : []),
    ...incident.responders.filter((r) => r.type === "team").flatMap((r) => [r.id, r.name]),
  ].filter((t): t is string => t !== undefined);
  return {
    id: `opsgenie:incident:${incident.id}`,
    title: incident.message ?? "",
    startedAt: incident.createdAt,
    ...(resolvedAt !== undefined && { resolvedAt }),
    resolved: resolvedAt !== undefined,
    ...(incident.priority && { priority: incident.priority }),
    routing: {
      tags: incident.tags,
      teams: [...teams, ...teams.flatMap((t) => teamNames.get(t) ?? [])],
      pagerdutyServices: [],
    },
    references: {
      fields: incident.extraProperties,
      tags: incident.tags,
      texts: [incident.message ?? ""],
    },
  };
}

export function incidentsUnit(client: OpsgenieClient, key: string): IncidentUnit {
  return {
    key,
    what: "Opsgenie incidents",
    async sync(stored, { historyStart }) {
      const cursor: IncidentsCursor = { resolvedAt: {}, ...(stored as Partial<IncidentsCursor>) };
      const teamNames = await client.teamNames();
      const resolved = Object.fromEntries(
        Object.entries(cursor.resolvedAt).filter(([, at]) => at >= historyStart),
      );
      const candidates: IncidentCandidate[] = [];
      let through = cursor.through;
      const query = `updatedAt>=${through ?? historyStart}`;
      for await (const page of client.incidentPages(query))
        for (const incident of page) {
          if (RESOLVED.has(incident.status ?? "")) resolved[incident.id] ??= incident.updatedAt;
          else delete resolved[incident.id];
          candidates.push(incidentCandidate(incident, resolved[incident.id], teamNames));
          through = Math.max(through ?? incident.updatedAt, incident.updatedAt);
        }
      return {
        candidates,
        cursor: { ...(through !== undefined && { through }), resolvedAt: resolved },
      };
    },
  };
}
