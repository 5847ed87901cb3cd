import type { ConfigFile } from "../../config/schema.ts";
import type { RoutingKeys } from "./candidate.ts";

// Routes an incident to the catalogue service whose `incidents` selectors it matches.
// Any one selector matching is enough; when several services match, the one matching
// more kinds of selector wins (a monorepo issue labelled `api` goes to the service with
// both the repository and the `api` tag), and ties go to the first in the catalogue.

export type Route =
  | { service: string }
  /** No service's selectors match: not stored, counted and logged. */
  | { unmatched: true }
  /** Matching services all exclude its priority: not stored, counted. */
  | { belowPriority: true };

interface ServiceSelectors {
  service: string;
  tags: Set<string>;
  teams: Set<string>;
  pagerdutyServices: Set<string>;
  repositories: Set<string>;
  priorities?: Set<string>;
}

interface RepositoryOwners {
  /** owner/name as the catalogue writes it, so ids match the GitHub collector's. */
  spelling: string;
  services: string[];
}

export interface IncidentCatalogue {
  route(keys: RoutingKeys, priority?: string, urgency?: string): Route;
  /** Catalogue repositories by lower-case owner/name. */
  repository(name: string): RepositoryOwners | undefined;
}

const lower = (values: readonly string[] | undefined) =>
  new Set((values ?? []).map((v) => v.toLowerCase()));

const anyIn = (set: Set<string>, values: readonly string[]) =>
  values.some((v) => set.has(v.toLowerCase()));

function score(s: ServiceSelectors, keys: RoutingKeys): number {
  return [
    anyIn(s.tags, keys.tags),
    anyIn(s.teams, keys.teams),
    anyIn(s.pagerdutyServices, keys.pagerdutyServices),
    keys.repository !== undefined && s.repositories.has(keys.repository.toLowerCase()),
  ].filter(Boolean).length;
}

function admits(s: ServiceSelectors, priority?: string, urgency?: string): boolean {
  if (!s.priorities) return true;
  return [priority, urgency].some((p) => p !== undefined && s.priorities?.has(p.toLowerCase()));
}

export function incidentCatalogue(config: ConfigFile): IncidentCatalogue {
  const selectors: ServiceSelectors[] = [];
  const repositories = new Map<string, RepositoryOwners>();
  for (const team of config.teams)
    for (const service of team.services) {
      const incidents = service.incidents;
      selectors.push({
        service: service.name,
        tags: lower(incidents?.tags),
        teams: lower(incidents?.opsgenie_teams),
        pagerdutyServices: lower(incidents?.pagerduty_services),
        repositories: lower(service.repositories),
        ...(incidents?.priorities && { priorities: lower(incidents.priorities) }),
      });
      for (const repository of service.repositories ?? []) {
        const key = repository.toLowerCase();
        const owners = repositories.get(key) ?? { spelling: repository, services: [] };
        owners.services.push(service.name);
        repositories.set(key, owners);
      }
    }
  return {
    route(keys, priority, urgency) {
      let best: ServiceSelectors | undefined;
      let bestScore = 0;
      let matchedAny = false;
      for (const s of selectors) {
        const n = score(s, keys);
        if (n === 0) continue;
        matchedAny = true;
        if (n > bestScore && admits(s, priority, urgency)) {
          best = s;
          bestScore = n;
        }
      }
      if (best) return { service: best.service };
      return matchedAny ? { belowPriority: true } : { unmatched: true };
    },
    repository: (name) => repositories.get(name.toLowerCase()),
  };
}
