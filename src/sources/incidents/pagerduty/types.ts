import { z } from "zod";
import { instant, optional } from "../payload.ts";

// The parts of PagerDuty REST API v2 payloads the collector reads (openapiv3.json:
// Incident, LogEntry, and the classic `{…, limit, offset, more}` list envelope).

const reference = z.looseObject({ id: z.string(), summary: optional(z.string()) });

export const pdIncident = z.looseObject({
  id: z.string().min(1),
  incident_number: optional(z.number()),
  title: optional(z.string()),
  summary: optional(z.string()),
  status: z.string(),
  urgency: optional(z.string()),
  created_at: instant,
  resolved_at: optional(instant),
  last_status_change_at: optional(instant),
  html_url: optional(z.string()),
  service: reference,
  priority: optional(z.looseObject({ summary: optional(z.string()), name: optional(z.string()) })),
});

export const listIncidentsResponse = z.looseObject({
  incidents: z.array(pdIncident),
  more: optional(z.boolean()).transform((more) => more ?? false),
});

export const getIncidentResponse = z.looseObject({ incident: pdIncident });

const details = optional(z.record(z.string(), z.unknown()));

export const logEntry = z.looseObject({
  type: z.string(),
  created_at: instant,
  channel: optional(
    z.looseObject({
      details,
      cef_details: optional(z.looseObject({ details })),
    }),
  ),
  event_details: optional(z.looseObject({ description: optional(z.string()) })),
});

export const listLogEntriesResponse = z.looseObject({
  log_entries: z.array(logEntry),
  more: optional(z.boolean()).transform((more) => more ?? false),
});

export type PdIncident = z.infer<typeof pdIncident>;
export type LogEntry = z.infer<typeof logEntry>;
