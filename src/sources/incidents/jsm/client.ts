import { errorMessage } from "../../../domain/error-message.ts";
import type { Logger } from "../../../logger.ts";
import type { FetchObserver } from "../../github/conditional-fetch.ts";
import { createJsonClient } from "../json-client.ts";
import type { AlertsApi, OpsAlert } from "../opsgenie/alerts.ts";
import { toOpsAlert as toOpsgenieAlert } from "../opsgenie/client.ts";
import { followPages } from "../payload.ts";
import { getResponse, type JsmAlert, listResponse, teamsResponse } from "./types.ts";

// Jira Service Management Operations, where Opsgenie customers move by April 2027:
// https://api.atlassian.com/jsm/ops/api/{cloudId}/v1/alerts, basic auth with an
// Atlassian account's email and API token. Lists take offset and size and name their
// next page in `links.next`, relative to the API root. Alerts keep Opsgenie's fields;
// the close time is `closeTime` (an instant) or, as on Opsgenie, `report.closeTime`.

export interface JsmClientOptions {
  /** https://api.atlassian.com unless a proxy or test server stands in. */
  root: string;
  cloudId: string;
  email: string;
  apiToken: string;
  observer: FetchObserver;
  logger: Logger;
  retryBaseMs?: number;
}

/** Opsgenie's mapping, with JSM's close instant preferred when it gives one. */
function toOpsAlert(alert: JsmAlert): OpsAlert {
  const ops = toOpsgenieAlert(alert);
  return alert.closeTime === undefined ? ops : { ...ops, closedAt: alert.closeTime };
}

export function createJsmClient(options: JsmClientOptions): AlertsApi {
  const root = options.root.replace(/\/+$/, "");
  const prefix = `/jsm/ops/api/${encodeURIComponent(options.cloudId)}`;
  const basic = Buffer.from(`${options.email}:${options.apiToken}`).toString("base64");
  const http = createJsonClient({
    tool: "JSM Operations",
    baseUrl: root + prefix,
    headers: { authorization: `Basic ${basic}` },
    observer: options.observer,
    logger: options.logger,
    ...(options.retryBaseMs !== undefined && { retryBaseMs: options.retryBaseMs }),
  });
  const onRoot = (next: string) => {
    const link = new URL(next, "https://relative.invalid");
    const path = link.pathname.startsWith(prefix) ? link.pathname : prefix + link.pathname;
    return `${root}${path}${link.search}`;
  };
  let teams: Promise<Map<string, string>> | undefined;
  const loadTeamNames = async () => {
    const names = new Map<string, string>();
    try {
      for await (const page of followPages(async (next) => {
        const body = await http.get(next ? onRoot(next) : "/v1/teams", teamsResponse);
        return { items: body.values, next: body.links?.next };
      }))
        for (const team of page) if (team.id && team.name) names.set(team.id, team.name);
    } catch (error) {
      options.logger.warn(
        "JSM Operations team names unavailable: opsgenie_teams match team ids only",
        {
          error: errorMessage(error),
        },
      );
    }
    return names;
  };
  return {
    tool: "JSM Operations",
    alertPages(query) {
      return followPages(async (next) => {
        // JSM's default order is newest first, as the unit needs; its sort field names
        // differ from Opsgenie's, so none is sent.
        const page = { query, offset: 0, size: 100 };
        const body = next
          ? await http.get(onRoot(next), listResponse)
          : await http.get("/v1/alerts", listResponse, page);
        return { items: body.values.map(toOpsAlert), next: body.links?.next };
      });
    },
    async alertDetails(id) {
      const alert = await http.get(`/v1/alerts/${encodeURIComponent(id)}`, getResponse);
      const details = { ...alert.extraProperties, ...alert.details };
      return { ...(alert.description && { description: alert.description }), details };
    },
    teamNames() {
      teams ??= loadTeamNames();
      return teams;
    },
  };
}
