import type { Incident } from "../../domain/records.ts";
import type { Enrichment, IncidentCandidate } from "./candidate.ts";
import { extractReferences, type IdRef } from "./references.ts";
import type { IncidentCatalogue } from "./selectors.ts";
import { severityOf } from "./severity.ts";

// A routed candidate becomes the stored Incident. Repository-local references take the
// catalogue's spelling of the repository, and in a repository several services share,
// the `@service` suffix the GitHub collector gives its ids there, so they resolve.

function idOf(ref: IdRef, service: string, catalogue: IncidentCatalogue): string {
  if ("id" in ref) return ref.id;
  const owners = catalogue.repository(ref.repository);
  const base = `${owners?.spelling ?? ref.repository}${ref.suffix}`;
  if (!owners || owners.services.length < 2) return base;
  return `${base}@${owners.services.includes(service) ? service : owners.services[0]}`;
}

export function toIncident(
  candidate: IncidentCandidate,
  service: string,
  enrichment: Enrichment,
  catalogue: IncidentCatalogue,
): Incident {
  const refs = extractReferences(
    {
      fields: { ...candidate.references.fields, ...enrichment.fields },
      tags: candidate.references.tags,
      texts: [...candidate.references.texts, ...(enrichment.texts ?? [])],
    },
    candidate.routing.repository,
  );
  const resolvedAt =
    candidate.resolvedAt ?? (candidate.resolved ? enrichment.resolvedAt : undefined);
  const severity = severityOf(candidate.priority, candidate.urgency);
  return {
    id: candidate.id,
    service,
    startedAt: candidate.startedAt,
    ...(resolvedAt !== undefined && { resolvedAt }),
    ...(severity && { severity }),
    ...(refs.deployment && { deploymentId: idOf(refs.deployment, service, catalogue) }),
    ...(refs.commitSha && { commitSha: refs.commitSha }),
    ...(refs.change && { changeId: idOf(refs.change, service, catalogue) }),
    title: candidate.title,
    ...(candidate.url && { url: candidate.url }),
  };
}
