import { commitOfArtifact } from "./artifact.ts";
import { type KpiFields, kpiPointer } from "./custom-data.ts";
import type { CdEvent, Decoded, MapContext, Provenance } from "./types.ts";

// An incident is told in several events (detected or reported, later resolved), while the
// import format has one row per incident. Each event becomes a fact about its incident;
// merge-incidents.ts folds the facts of a request with the stored row.

interface IncidentContent {
  environment: { id: string };
  service?: { id: string };
  description?: string;
  ticketURI?: string;
  artifactId?: string;
}

/** An ISO-8601 instant with an offset, as epoch ms; undefined when it is not one. */
function instant(value: unknown): number | undefined {
  if (typeof value !== "string" || !/(Z|[+-]\d\d:?\d\d)$/i.test(value)) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

export function incidentFact(phase: "start" | "resolve") {
  return (event: CdEvent, kpi: KpiFields, ctx: MapContext): Decoded => {
    const content = event.subject.content as unknown as IncidentContent;
    const { id, startedAt, resolvedAt, environment, ...extension } = kpi;
    // The import format has no environment on incidents: it is used here, to keep
    // incidents of other environments from failing production deployments.
    const where = typeof environment === "string" ? environment : content.environment.id;
    const incidentId = typeof id === "string" && id !== "" ? id : event.subject.id;
    if (!ctx.isProduction(where))
      return { ignored: `incident ${incidentId} is in non-production environment ${where}` };
    const times: { startedAt?: number; resolvedAt?: number } = {};
    for (const [field, given] of Object.entries({ startedAt, resolvedAt })) {
      if (given === undefined) continue;
      const ms = instant(given);
      if (ms === undefined)
        return {
          rejection: {
            kind: "incident",
            field: kpiPointer(field),
            code: "invalid_field",
            message: `${kpiPointer(field)}: expected an ISO-8601 time with offset`,
          },
        };
      times[field as "startedAt" | "resolvedAt"] = ms;
    }
    const at = Date.parse(event.context.timestamp);
    if (phase === "start") times.startedAt ??= at;
    else times.resolvedAt ??= at;
    const fields: Record<string, unknown> = { service: content.service?.id };
    const from: Provenance = { id: "/subject/id", service: "/subject/content/service/id" };
    // A resolution describes the fix and names the artifact that fixed it: neither is the
    // incident's title nor the commit that caused it.
    if (phase === "start") {
      fields.title = content.description;
      fields.url = content.ticketURI;
      fields.commitSha = content.artifactId && commitOfArtifact(content.artifactId);
      from.title = "/subject/content/description";
      from.url = "/subject/content/ticketURI";
      from.commitSha = "/subject/content/artifactId";
    }
    for (const [field, value] of Object.entries(extension)) {
      fields[field] = value;
      from[field] = kpiPointer(field);
    }
    if (typeof id === "string" && id !== "") from.id = kpiPointer("id");
    return { incident: { id: incidentId, ...times, fields, from } };
  };
}
