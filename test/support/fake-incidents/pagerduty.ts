import { readFileSync } from "node:fs";
import {
  type FakeAnswer,
  type FakeRequest,
  type FakeServer,
  pageOf,
  startFakeServer,
} from "./http.ts";

// A fake PagerDuty REST API v2: `Token token=` auth, GET /incidents with since/until
// (a range over six months is refused, as PagerDuty refuses it) and offset/limit paging
// while `more`, GET /incidents/{id} and GET /incidents/{id}/log_entries. Every object is
// the documented example (test/fixtures/pagerduty) with the scenario's values set in.

const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../fixtures/pagerduty/${name}`, import.meta.url), "utf8"));
const INCIDENT = fixture("incidents.json").example.incidents[0];
const LOG_ENTRY = fixture("incident-log-entries.json").example.log_entries[0];

export interface FakePdIncident {
  id: string;
  number: number;
  title: string;
  status: "triggered" | "acknowledged" | "resolved";
  urgency: "high" | "low";
  createdAt: string;
  resolvedAt?: string;
  /** Older payloads carry no resolved_at: the resolve log entry dates it. */
  withoutResolvedAt?: boolean;
  service: { id: string; name: string };
  priority?: string;
  /** The triggering event's custom details. */
  customDetails?: Record<string, unknown>;
}

export function pdIncidentView(i: FakePdIncident) {
  const view: Record<string, unknown> = {
    ...structuredClone(INCIDENT),
    id: i.id,
    summary: `[#${i.number}] ${i.title}`,
    self: `https://api.pagerduty.com/incidents/${i.id}`,
    html_url: `https://acme.pagerduty.com/incidents/${i.id}`,
    incident_number: i.number,
    title: i.title,
    created_at: i.createdAt,
    updated_at: i.resolvedAt ?? i.createdAt,
    status: i.status,
    incident_key: `key-${i.id}`,
    service: { ...INCIDENT.service, id: i.service.id, summary: i.service.name },
    last_status_change_at: i.resolvedAt ?? i.createdAt,
    resolved_at: i.resolvedAt ?? null,
    priority: i.priority ? { ...INCIDENT.priority, summary: i.priority, name: i.priority } : null,
    urgency: i.urgency,
  };
  if (i.withoutResolvedAt) delete view.resolved_at;
  return view;
}

function logEntries(i: FakePdIncident) {
  const incident = { ...LOG_ENTRY.incident, id: i.id, summary: `[#${i.number}] ${i.title}` };
  const trigger = {
    ...structuredClone(LOG_ENTRY),
    id: `${i.id}-T`,
    created_at: i.createdAt,
    incident,
    channel: { type: "events_api_v2", summary: i.title, details: i.customDetails ?? {} },
  };
  const resolve = {
    ...structuredClone(LOG_ENTRY),
    id: `${i.id}-R`,
    type: "resolve_log_entry",
    summary: "Resolved through the website",
    created_at: i.resolvedAt,
    incident,
    channel: { type: "website" },
  };
  return i.status === "resolved" ? [trigger, resolve] : [trigger];
}

function sixMonthsAfter(since: number): number {
  const d = new Date(since);
  d.setUTCMonth(d.getUTCMonth() + 6);
  return d.getTime();
}

function listIncidents(
  request: FakeRequest,
  incidents: FakePdIncident[],
  pageSize: number,
): FakeAnswer {
  const since = Date.parse(request.query.get("since") ?? "");
  const until = Date.parse(request.query.get("until") ?? "");
  if (!(since <= until) || until > sixMonthsAfter(since))
    return {
      status: 400,
      body: {
        error: {
          message: "Invalid Input Provided",
          code: 2001,
          errors: ["since and until must be at most 6 months apart"],
        },
      },
    };
  const selected = incidents
    .filter((i) => Date.parse(i.createdAt) >= since && Date.parse(i.createdAt) < until)
    .sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt));
  const offset = Number(request.query.get("offset") ?? 0);
  const limit = Math.min(Number(request.query.get("limit") ?? 25), 100);
  const { page, more } = pageOf(selected, offset, Math.min(limit, pageSize));
  return {
    status: 200,
    body: { incidents: page.map(pdIncidentView), limit, offset, more, total: null },
  };
}

export async function startFakePagerduty(options: {
  apiKey: string;
  incidents: FakePdIncident[];
  pageSize?: number;
}): Promise<FakeServer & { incidents: FakePdIncident[] }> {
  const pageSize = options.pageSize ?? 2;
  const notFound = { status: 404, body: { error: { message: "Not Found", code: 2100 } } };
  const route = (request: FakeRequest): FakeAnswer => {
    if (request.headers.authorization !== `Token token=${options.apiKey}`)
      return { status: 401, body: { error: { message: "Authentication failed", code: 2006 } } };
    if (request.path === "/incidents") return listIncidents(request, fake.incidents, pageSize);
    const [, id, rest] = /^\/incidents\/([^/]+)(\/log_entries)?$/.exec(request.path) ?? [];
    const incident = fake.incidents.find((i) => i.id === id);
    if (!incident) return notFound;
    if (!rest) return { status: 200, body: { incident: pdIncidentView(incident) } };
    const offset = Number(request.query.get("offset") ?? 0);
    const { page, more } = pageOf(logEntries(incident), offset, 1);
    return { status: 200, body: { log_entries: page, limit: 1, offset, more } };
  };
  const server = await startFakeServer(route);
  const fake = Object.assign(server, { incidents: options.incidents });
  return fake;
}
