import type { EpochMs } from "../../domain/records.ts";

// What every incident tool's normalizer produces: an incident not yet routed to a
// service. Routing (selectors.ts) reads the keys; explicit references (references.ts)
// read the texts and fields. Details that cost a request per incident are fetched only
// once the incident is known to belong to a service.

export interface RoutingKeys {
  /** Opsgenie/JSM tags, GitHub issue labels. */
  tags: readonly string[];
  /** Opsgenie/JSM team ids and names (responders, owner team). */
  teams: readonly string[];
  /** PagerDuty service id and name. */
  pagerdutyServices: readonly string[];
  /** GitHub issues: owner/name of the repository the issue lives in. */
  repository?: string;
}

/** Where explicit references may be written, read in this order of precedence. */
export interface ReferenceSources {
  /** Key/value custom fields: Opsgenie details, extraProperties, PagerDuty custom details. */
  fields: Record<string, string>;
  tags: readonly string[];
  /** Free text: the title first, then descriptions and bodies. */
  texts: readonly string[];
}

export interface Enrichment {
  fields?: Record<string, string>;
  texts?: readonly string[];
  /** A resolution time found only in the details (PagerDuty log entries). */
  resolvedAt?: EpochMs;
}

export interface IncidentCandidate {
  /** Source identity, namespaced by tool (`pagerduty:PT4KHLK`). */
  id: string;
  title: string;
  startedAt: EpochMs;
  resolvedAt?: EpochMs;
  /** Whether the tool says it is over; a resolved incident without a time waits for enrich(). */
  resolved: boolean;
  /** P1..P5 as the tool names it, when it has one. */
  priority?: string;
  /** PagerDuty urgency: high or low. */
  urgency?: string;
  url?: string;
  routing: RoutingKeys;
  references: ReferenceSources;
  /** Reads what the listing lacks; called only for incidents that belong to a service. */
  enrich?: () => Promise<Enrichment>;
}
