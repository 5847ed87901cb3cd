import { iso } from "../../../domain/instant.ts";
import type { Logger } from "../../../logger.ts";
import type { FetchObserver } from "../../github/conditional-fetch.ts";
import { createJsonClient } from "../json-client.ts";
import {
  getIncidentResponse,
  type LogEntry,
  listIncidentsResponse,
  listLogEntriesResponse,
  type PdIncident,
} from "./types.ts";

// PagerDuty REST API v2 with an API key (`Authorization: Token token=…`). Lists page by
// offset and limit (at most 100) while `more` is true. Offset paging stops at 10,000
// records, so a listing that reaches it continues from the last creation time read
// instead (the listing is sorted by creation).

export interface PagerdutyClientOptions {
  baseUrl: string;
  apiKey: string;
  observer: FetchObserver;
  logger: Logger;
  retryBaseMs?: number;
}

export interface PagerdutyClient {
  /** Incidents created in [since, until), oldest first, page by page. */
  created(since: number, until: number): AsyncIterable<PdIncident[]>;
  /** One incident, or undefined when PagerDuty no longer has it. */
  incident(id: string): Promise<PdIncident | undefined>;
  /** Its overview log entries: trigger, acknowledgements, resolution. */
  logEntries(id: string): Promise<LogEntry[]>;
}

const LIMIT = 100;
const MAX_OFFSET = 10_000;

export function createPagerdutyClient(options: PagerdutyClientOptions): PagerdutyClient {
  const http = createJsonClient({
    tool: "PagerDuty",
    baseUrl: options.baseUrl,
    headers: {
      authorization: `Token token=${options.apiKey}`,
      accept: "application/vnd.pagerduty+json;version=2",
    },
    observer: options.observer,
    logger: options.logger,
    ...(options.retryBaseMs !== undefined && { retryBaseMs: options.retryBaseMs }),
  });
  return {
    async *created(since, until) {
      let from = since;
      let offset = 0;
      for (;;) {
        const query = {
          since: iso(from),
          until: iso(until),
          sort_by: "created_at:asc",
          time_zone: "UTC",
          limit: LIMIT,
          offset,
        };
        const page = await http.get("/incidents", listIncidentsResponse, query);
        yield page.incidents;
        const last = page.incidents.at(-1);
        if (!page.more || !last) return;
        offset += page.incidents.length;
        if (offset + LIMIT > MAX_OFFSET) {
          if (last.created_at <= from)
            throw new Error(`PagerDuty: over ${MAX_OFFSET} incidents created at ${iso(from)}`);
          from = last.created_at;
          offset = 0;
        }
      }
    },
    async incident(id) {
      const path = `/incidents/${encodeURIComponent(id)}`;
      return (await http.find(path, getIncidentResponse))?.incident;
    },
    async logEntries(id) {
      const entries: LogEntry[] = [];
      for (let offset = 0; ; offset += LIMIT) {
        const path = `/incidents/${encodeURIComponent(id)}/log_entries`;
        const query = { is_overview: "true", "include[]": ["channels"], limit: LIMIT, offset };
        const page = await http.get(path, listLogEntriesResponse, query);
        entries.push(...page.log_entries);
        if (!page.more || page.log_entries.length === 0) return entries;
      }
    },
  };
}
