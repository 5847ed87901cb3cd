import type { Enrichment, IncidentCandidate } from "../candidate.ts";
import { priorityFromName } from "../severity.ts";
import type { PagerdutyClient } from "./client.ts";
import type { LogEntry, PdIncident } from "./types.ts";

// A PagerDuty incident as a candidate. It routes by its service (id or name). Its
// resolution is `resolved_at`; older payloads without it are dated by the resolve log
// entry, else by the last status change. Explicit references are read from the title
// and from the custom details of the event that triggered it (the trigger log entry's
// channel), which is where monitoring and deploy tools put commit and deployment ids.

function flatten(details: Record<string, unknown> | undefined): Record<string, string> {
  return Object.fromEntries(
    Object.entries(details ?? {}).map(([k, v]) => [
      k,
      typeof v === "string" ? v : JSON.stringify(v),
    ]),
  );
}

export function logEnrichment(entries: readonly LogEntry[], incident: PdIncident): Enrichment {
  const trigger = entries.find((e) => e.type === "trigger_log_entry");
  const resolves = entries.filter((e) => e.type === "resolve_log_entry").map((e) => e.created_at);
  const resolvedAt = resolves.length ? Math.max(...resolves) : incident.last_status_change_at;
  const description = trigger?.event_details?.description;
  return {
    fields: {
      ...flatten(trigger?.channel?.cef_details?.details),
      ...flatten(trigger?.channel?.details),
    },
    texts: description ? [description] : [],
    ...(incident.status === "resolved" && resolvedAt !== undefined && { resolvedAt }),
  };
}

export function pdCandidate(incident: PdIncident, client: PagerdutyClient): IncidentCandidate {
  const priority = priorityFromName(incident.priority?.summary ?? incident.priority?.name);
  const title = incident.title ?? incident.summary ?? "";
  const resolved = incident.status === "resolved";
  return {
    id: `pagerduty:${incident.id}`,
    title,
    startedAt: incident.created_at,
    ...(resolved && incident.resolved_at !== undefined && { resolvedAt: incident.resolved_at }),
    resolved,
    ...(priority && { priority }),
    ...(incident.urgency && { urgency: incident.urgency }),
    ...(incident.html_url && { url: incident.html_url }),
    routing: {
      tags: [],
      teams: [],
      pagerdutyServices: [incident.service.id, incident.service.summary ?? ""].filter(Boolean),
    },
    references: { fields: {}, tags: [], texts: [title] },
    enrich: async () => logEnrichment(await client.logEntries(incident.id), incident),
  };
}
