import { errorMessage } from "../../../domain/error-message.ts";
import type { Logger } from "../../../logger.ts";
import type { FetchObserver } from "../../github/conditional-fetch.ts";
import { createJsonClient } from "../json-client.ts";
import { followPages } from "../payload.ts";
import type { AlertDetails, AlertsApi, OpsAlert } from "./alerts.ts";
import {
  type BaseAlert,
  type BaseIncident,
  getAlertResponse,
  listAlertsResponse,
  listIncidentsResponse,
  listTeamsResponse,
} from "./types.ts";

// Opsgenie's REST API (https://api.opsgenie.com, EU https://api.eu.opsgenie.com) with a
// GenieKey. Lists page by offset and limit (at most 100) and name their next page in
// `paging.next`; that link's path and query are followed on the configured host, so a
// proxy in front of Opsgenie keeps working.

export const OPSGENIE_HOSTS = {
  us: "https://api.opsgenie.com",
  eu: "https://api.eu.opsgenie.com",
} as const;

export interface OpsgenieClientOptions {
  baseUrl: string;
  apiKey: string;
  observer: FetchObserver;
  logger: Logger;
  retryBaseMs?: number;
}

export interface OpsgenieClient extends AlertsApi {
  incidentPages(query: string): AsyncIterable<BaseIncident[]>;
}

const PAGE = { offset: 0, limit: 100, sort: "createdAt", order: "desc" } as const;

function onBase(next: string, base: string): string {
  const link = new URL(next, base);
  return `${base.replace(/\/+$/, "")}${link.pathname}${link.search}`;
}

export function toOpsAlert(alert: BaseAlert): OpsAlert {
  const closeTime = alert.report?.closeTime;
  return {
    id: alert.id,
    ...(alert.message !== undefined && { message: alert.message }),
    ...(alert.status !== undefined && { status: alert.status }),
    tags: alert.tags,
    createdAt: alert.createdAt,
    updatedAt: alert.updatedAt,
    ...(closeTime !== undefined && { closedAt: alert.createdAt + closeTime }),
    ...(alert.priority !== undefined && { priority: alert.priority }),
    teams: alert.responders
      .filter((r) => r.type === "team")
      .flatMap((r) => [r.id, r.name].filter((v): v is string => v !== undefined)),
  };
}

export function createOpsgenieClient(options: OpsgenieClientOptions): OpsgenieClient {
  const base = options.baseUrl;
  const http = createJsonClient({
    tool: "Opsgenie",
    baseUrl: base,
    headers: { authorization: `GenieKey ${options.apiKey}` },
    observer: options.observer,
    logger: options.logger,
    ...(options.retryBaseMs !== undefined && { retryBaseMs: options.retryBaseMs }),
  });
  let teams: Promise<Map<string, string>> | undefined;
  // Team names need a key with configuration access; without one, ids still route.
  const loadTeamNames = async () => {
    try {
      const { data } = await http.get("/v2/teams", listTeamsResponse);
      return new Map(data.map((t) => [t.id, t.name]));
    } catch (error) {
      options.logger.warn("Opsgenie team names unavailable: opsgenie_teams match team ids only", {
        error: errorMessage(error),
      });
      return new Map<string, string>();
    }
  };
  return {
    tool: "Opsgenie",
    alertPages(query) {
      return followPages(async (next) => {
        const body = next
          ? await http.get(onBase(next, base), listAlertsResponse)
          : await http.get("/v2/alerts", listAlertsResponse, { ...PAGE, query });
        return { items: body.data.map(toOpsAlert), next: body.paging?.next };
      });
    },
    incidentPages(query) {
      return followPages(async (next) => {
        const body = next
          ? await http.get(onBase(next, base), listIncidentsResponse)
          : await http.get("/v1/incidents", listIncidentsResponse, { ...PAGE, query });
        return { items: body.data, next: body.paging?.next };
      });
    },
    async alertDetails(id): Promise<AlertDetails> {
      const path = `/v2/alerts/${encodeURIComponent(id)}`;
      const { data } = await http.get(path, getAlertResponse, { identifierType: "id" });
      return { ...(data.description && { description: data.description }), details: data.details };
    },
    teamNames() {
      teams ??= loadTeamNames();
      return teams;
    },
  };
}
