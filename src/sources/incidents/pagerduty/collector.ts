import type { ConfigFile } from "../../../config/schema.ts";
import { type Env, readSecret } from "../../../config/secrets.ts";
import type { Collector } from "../../collector.ts";
import { type IncidentUnit, incidentCollector } from "../incident-collector.ts";
import { createPagerdutyClient, type PagerdutyClient } from "./client.ts";
import type { PagerdutySourceConfig } from "./config.ts";
import { pdCandidate } from "./normalize.ts";
import type { PdIncident } from "./types.ts";
import { slices } from "./windows.ts";

// The `pagerduty` source. PagerDuty filters incidents by creation time only, so the
// cursor is the newest creation time read, and the incidents still open at the last run
// are read again one by one until they resolve.

export const PAGERDUTY_SOURCE = "pagerduty";

interface PdCursor {
  createdThrough?: number;
  /** Incidents read while triggered or acknowledged. */
  open: string[];
}

export function pagerdutyApiKey(env: Env): string {
  const key = readSecret("PAGERDUTY_API_KEY", env);
  if (key === undefined)
    throw new Error(
      "sources.pagerduty needs PAGERDUTY_API_KEY (or PAGERDUTY_API_KEY_FILE) to be set",
    );
  return key;
}

function incidentsUnit(client: PagerdutyClient): IncidentUnit {
  return {
    key: "incidents",
    what: "PagerDuty incidents",
    async sync(stored, { historyStart, now }) {
      const cursor: PdCursor = { open: [], ...(stored as Partial<PdCursor>) };
      const seen = new Map<string, PdIncident>();
      let createdThrough = cursor.createdThrough;
      for (const slice of slices(createdThrough ?? historyStart, now))
        for await (const page of client.created(slice.since, slice.until))
          for (const incident of page) {
            seen.set(incident.id, incident);
            createdThrough = Math.max(createdThrough ?? incident.created_at, incident.created_at);
          }
      for (const id of cursor.open) {
        if (seen.has(id)) continue;
        const incident = await client.incident(id);
        if (incident) seen.set(id, incident);
      }
      const incidents = [...seen.values()];
      return {
        candidates: incidents.map((incident) => pdCandidate(incident, client)),
        cursor: {
          ...(createdThrough !== undefined && { createdThrough }),
          open: incidents.filter((i) => i.status !== "resolved").map((i) => i.id),
        },
      };
    },
  };
}

export function pagerdutyCollector(
  config: ConfigFile,
  source: PagerdutySourceConfig,
  apiKey: string,
  options: { retryBaseMs?: number } = {},
): Collector {
  return incidentCollector(config, {
    name: PAGERDUTY_SOURCE,
    intervalMs: source.interval,
    historyDays: source.history_days,
    units: (deps) => [
      incidentsUnit(
        createPagerdutyClient({
          baseUrl: source.base_url,
          apiKey,
          observer: deps.api,
          logger: deps.logger,
          ...(options.retryBaseMs !== undefined && { retryBaseMs: options.retryBaseMs }),
        }),
      ),
    ],
  });
}
