import type { IncidentCandidate } from "../candidate.ts";
import type { IncidentUnit } from "../incident-collector.ts";

// Alerts as Opsgenie and its successor, Jira Service Management Operations, both serve
// them: one interface, two clients (opsgenie/client.ts, jsm/client.ts), one normalizer
// and one incremental unit, so moving to JSM changes the client and nothing else.

export interface OpsAlert {
  id: string;
  message?: string;
  status?: string;
  tags: string[];
  createdAt: number;
  updatedAt: number;
  /** When it closed, as the API reports it. */
  closedAt?: number;
  priority?: string;
  /** Team responders: ids, and names where the payload carries them. */
  teams: string[];
}

export interface AlertDetails {
  description?: string;
  details: Record<string, string>;
}

export interface AlertsApi {
  /** For messages: "Opsgenie", "JSM Operations". */
  readonly tool: string;
  /** Pages of the alerts a search query selects, newest created first. */
  alertPages(query: string): AsyncIterable<OpsAlert[]>;
  alertDetails(id: string): Promise<AlertDetails>;
  /** Team id → name, where the API lists teams; empty otherwise. */
  teamNames(): Promise<Map<string, string>>;
}

/**
 * One id space for both APIs: JSM Operations serves the migrated Opsgenie alerts, so
 * an alert read again after the switch updates its record instead of adding one.
 */
export const alertId = (id: string) => `opsgenie:alert:${id}`;

export function alertCandidate(
  alert: OpsAlert,
  api: AlertsApi,
  teamNames: ReadonlyMap<string, string>,
): IncidentCandidate {
  const closed = alert.status === "closed";
  const resolvedAt = closed ? (alert.closedAt ?? alert.updatedAt) : undefined;
  const names = alert.teams.flatMap((t) => teamNames.get(t) ?? []);
  return {
    id: alertId(alert.id),
    title: alert.message ?? "",
    startedAt: alert.createdAt,
    ...(resolvedAt !== undefined && { resolvedAt }),
    resolved: closed,
    ...(alert.priority && { priority: alert.priority }),
    routing: { tags: alert.tags, teams: [...alert.teams, ...names], pagerdutyServices: [] },
    references: { fields: {}, tags: alert.tags, texts: [alert.message ?? ""] },
    async enrich() {
      const { description, details } = await api.alertDetails(alert.id);
      return { fields: details, texts: description ? [description] : [] };
    },
  };
}

interface AlertsCursor {
  /** Newest updatedAt read (epoch ms), a value the API reported. */
  through?: number;
}

/**
 * Alerts updated since the cursor. The listing is ordered by creation, newest first, so
 * an alert updated while the pages are read keeps its place and none is skipped.
 */
export function alertsUnit(api: AlertsApi, key: string, extraQuery?: string): IncidentUnit {
  return {
    key,
    what: `${api.tool} alerts`,
    async sync(stored, { historyStart }) {
      const cursor = (stored ?? {}) as AlertsCursor;
      const since = cursor.through ?? historyStart;
      const query = [extraQuery && `(${extraQuery})`, `updatedAt>=${since}`]
        .filter(Boolean)
        .join(" AND ");
      const teamNames = await api.teamNames();
      const candidates: IncidentCandidate[] = [];
      let through = cursor.through;
      for await (const page of api.alertPages(query))
        for (const alert of page) {
          candidates.push(alertCandidate(alert, api, teamNames));
          through = Math.max(through ?? alert.updatedAt, alert.updatedAt);
        }
      return { candidates, cursor: { ...(through !== undefined && { through }) } };
    },
  };
}
