import type { RecordKind } from "../../domain/records.ts";
import { commitOfArtifact } from "./artifact.ts";
import { type KpiFields, kpiPointer, overlay } from "./custom-data.ts";
import { incidentFact } from "./incident-fact.ts";
import type { CdEvent, Decoded, ImportObject, MapContext, Provenance } from "./types.ts";

// From a schema-valid CDEvent to the import-format record it stands for (docs/cdevents.md
// has the table). Pure: the catalogue arrives as a MapContext, the store is not consulted.
// Identities are what a re-send repeats (context.id, subject.id), so a redelivered event
// updates its record in place.

type Mapper = (event: CdEvent, kpi: KpiFields, ctx: MapContext) => Decoded;

const missing = (kind: RecordKind, field: string, message: string): Decoded => ({
  rejection: { kind, field, code: "invalid_field", message: `${field}: ${message}` },
});

/**
 * service.deployed, .upgraded (a new version live) and .rolledback (an old one live again:
 * its commit is a strict ancestor of the one it replaced, METRICS.md decision 136).
 */
const deployment =
  (rolledBack: boolean): Mapper =>
  (event, kpi) => {
    const content = event.subject.content as { environment: { id: string }; artifactId: string };
    const record: ImportObject = {
      kind: "deployment",
      id: event.context.id,
      service: event.subject.id,
      environment: content.environment.id,
      finishedAt: event.context.timestamp,
      commitSha: commitOfArtifact(content.artifactId),
    };
    const from: Provenance = {
      id: "/context/id",
      service: "/subject/id",
      environment: "/subject/content/environment/id",
      finishedAt: "/context/timestamp",
      commitSha: "/subject/content/artifactId",
    };
    if (rolledBack) {
      record.ancestorOfPrevious = true;
      from.ancestorOfPrevious = "/context/type";
    }
    overlay(record, from, kpi);
    if (record.commitSha !== undefined) return { record, from };
    return missing(
      "deployment",
      "/subject/content/artifactId",
      `${JSON.stringify(content.artifactId)} carries no commit SHA (a purl whose version is the ` +
        "40-hex commit, or whose vcs_url qualifier ends in @<commit>); set customData.kpi.commitSha",
    );
  };

const change: Mapper = (event, kpi, ctx) => {
  const sent = (event.subject.content.repository as { id: string } | undefined)?.id;
  // Scoped like the GitHub collector's owner/name#number, in the catalogue's spelling, so
  // both sources meet on one row whatever case the sender used.
  const repository = sent === undefined ? undefined : (ctx.catalogueRepository(sent) ?? sent);
  const subjectId = event.subject.id;
  const prefixed =
    sent !== undefined && subjectId.toLowerCase().startsWith(`${sent.toLowerCase()}#`);
  const local = prefixed ? subjectId.slice((sent as string).length + 1) : subjectId;
  const record: ImportObject = {
    kind: "change",
    id: repository === undefined ? subjectId : `${repository}#${local}`,
    service: repository === undefined ? undefined : ctx.serviceOfRepository(repository),
    mergedAt: event.context.timestamp,
  };
  const from: Provenance = {
    id: "/subject/id",
    service: "/subject/content/repository/id",
    mergedAt: "/context/timestamp",
  };
  overlay(record, from, kpi);
  if (record.service !== undefined) return { record, from };
  if (repository === undefined)
    return missing(
      "change",
      "/subject/content/repository",
      "required to find the change's service; or set customData.kpi.service",
    );
  return missing(
    "change",
    "/subject/content/repository/id",
    `repository ${JSON.stringify(repository)} is in no catalogue service's repositories; ` +
      "list it there or set customData.kpi.service",
  );
};

/** pipelineRun.finished: how Jenkins, Tekton and others report the checks a commit passed. */
const check: Mapper = (event, kpi) => {
  const content = event.subject.content as {
    pipelineName?: string;
    uri?: string;
    outcome?: string;
  };
  const record: ImportObject = {
    kind: "check",
    name: content.pipelineName,
    // As sent: success passes, failure, error and cancel do not (compliance compares with success).
    conclusion: content.outcome,
    completedAt: event.context.timestamp,
    url: content.uri,
  };
  const from: Provenance = {
    commitSha: kpiPointer("commitSha"),
    name: "/subject/content/pipelineName",
    conclusion: "/subject/content/outcome",
    completedAt: "/context/timestamp",
    url: "/subject/content/uri",
  };
  overlay(record, from, kpi);
  if (record.commitSha === undefined)
    return missing(
      "check",
      kpiPointer("commitSha"),
      "required (pipelineRun.finished names no commit): the commit the pipeline ran on",
    );
  if (record.name === undefined)
    return missing("check", from.name ?? "", "required: the check name that required_checks match");
  if (record.conclusion === undefined)
    return missing(
      "check",
      from.conclusion ?? "",
      "required: the run's outcome (success, failure, cancel or error)",
    );
  return { record, from };
};

const ignore: Mapper = (event) => ({ ignored: `${event.context.type} is not used by any KPI` });

/** subject.predicate (lower case) → its mapping. Types absent here are not accepted. */
const MAPPERS: Record<string, { kind?: RecordKind; map: Mapper }> = {
  "service.deployed": { kind: "deployment", map: deployment(false) },
  "service.upgraded": { kind: "deployment", map: deployment(false) },
  "service.rolledback": { kind: "deployment", map: deployment(true) },
  "change.merged": { kind: "change", map: change },
  "change.created": { map: ignore },
  "change.reviewed": { map: ignore },
  "incident.detected": { kind: "incident", map: incidentFact("start") },
  "incident.reported": { kind: "incident", map: incidentFact("start") },
  "incident.resolved": { kind: "incident", map: incidentFact("resolve") },
  "pipelinerun.finished": { kind: "check", map: check },
};

/** subject.predicate of a CDEvent type: dev.cdevents.service.deployed.0.3.0 → service.deployed. */
export function eventName(type: string): string | undefined {
  return /^dev\.cdevents\.([^.]+\.[^.]+)\.\d+\.\d+\.\d+.*$/.exec(type)?.[1]?.toLowerCase();
}

export const targetKind = (name: string): RecordKind | undefined => MAPPERS[name]?.kind;
export const isMapped = (name: string): boolean => MAPPERS[name] !== undefined;

/** Maps a CDEvent that its schema accepted; name is its eventName(). */
export function mapCdevent(name: string, event: CdEvent, kpi: KpiFields, ctx: MapContext): Decoded {
  const mapper = MAPPERS[name];
  if (!mapper) return { rejection: { code: "unknown_kind", message: `${name} is not mapped` } };
  return mapper.map(event, kpi, ctx);
}
