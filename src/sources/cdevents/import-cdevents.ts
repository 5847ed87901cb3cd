import type { ConfigFile } from "../../config/schema.ts";
import type { Incident } from "../../domain/records.ts";
import { importLines } from "../../import/import-lines.ts";
import type { ImportContext, ImportReport, Rejection } from "../../import/report.ts";
import { findUnstorable } from "../../import/storable.ts";
import { decodeEntry } from "./decode.ts";
import { mergeIncidents, type PlacedFact } from "./merge-incidents.ts";
import type { ImportObject, MapContext, Provenance } from "./types.ts";

// CDEvents (docs/cdevents.md) enter the store through the NDJSON importer: each event is
// mapped to an import-format line at its own position in the batch, so validation, the
// catalogue check, idempotence and line numbers are the importer's, unchanged.

const SOURCE = "request";

export interface CloudEventsReport extends ImportReport {
  /** Valid CDEvents the KPIs have no use for (change.created, non-production incidents…). */
  ignored: number;
}

export function mapContext(config: ConfigFile): MapContext {
  const byRepository = new Map<string, string>();
  const spelling = new Map<string, string>();
  for (const team of config.teams)
    for (const service of team.services)
      for (const repository of service.repositories ?? [])
        if (!byRepository.has(repository.toLowerCase())) {
          byRepository.set(repository.toLowerCase(), service.name);
          spelling.set(repository.toLowerCase(), repository);
        }
  const production = new RegExp(config.production_environments, "i");
  return {
    serviceOfRepository: (repository) => byRepository.get(repository.toLowerCase()),
    catalogueRepository: (repository) => spelling.get(repository.toLowerCase()),
    isProduction: (environment) => production.test(environment),
  };
}

/**
 * The stored rows of these incidents. The store reads all records or none; incident
 * events are few, and the snapshot refresh after every POST loads the whole store anyway.
 */
async function storedIncidents(ctx: ImportContext, ids: Set<string>) {
  const { incidents } = await ctx.store.load();
  return new Map<string, Incident>(incidents.filter((i) => ids.has(i.id)).map((i) => [i.id, i]));
}

/** An importer field path (approvals[0].at) as a pointer into the CDEvent it came from. */
function toPointer(field: string, from: Provenance): string {
  const [, top = field, rest = ""] = /^([^.[]+)(.*)$/.exec(field) ?? [];
  const origin = from[top];
  if (origin === undefined) return field;
  if (!origin.startsWith("/customData/kpi/")) return origin;
  return origin + rest.replace(/\[(\d+)\]/g, "/$1").replace(/\./g, "/");
}

/** Imports the entries of a CloudEvents batch; `line` in rejections is the 1-based entry. */
export async function importCloudEvents(
  entries: readonly unknown[],
  ctx: ImportContext,
): Promise<CloudEventsReport> {
  const mapping = mapContext(ctx.config);
  const lines = entries.map(() => "");
  const origins: (Provenance | undefined)[] = [];
  const refused: Rejection[] = [];
  const facts: PlacedFact[] = [];
  let ignored = 0;
  const place = (index: number, record: ImportObject, from: Provenance) => {
    lines[index] = JSON.stringify(record);
    origins[index] = from;
  };
  entries.forEach((entry, index) => {
    // Checked whole before any walk: the mapping and its re-serialisation recurse.
    const unstorable = findUnstorable(entry);
    if (unstorable) {
      refused.push({ source: SOURCE, line: index + 1, ...unstorable });
      return;
    }
    const decoded = decodeEntry(entry, mapping);
    if ("rejection" in decoded)
      refused.push({ source: SOURCE, line: index + 1, ...decoded.rejection });
    else if ("ignored" in decoded) ignored += 1;
    else if ("incident" in decoded) facts.push({ ...decoded.incident, index });
    else place(index, decoded.record, decoded.from);
  });
  if (facts.length > 0) {
    const stored = await storedIncidents(ctx, new Set(facts.map((fact) => fact.id)));
    for (const outcome of mergeIncidents(facts, stored)) {
      if ("rejection" in outcome)
        refused.push({ source: SOURCE, line: outcome.index + 1, ...outcome.rejection });
      else place(outcome.index, outcome.record, outcome.from);
    }
  }
  const report = await importLines(lines, SOURCE, ctx);
  // An unknown field can only come from customData.kpi: the mapping writes known ones.
  for (const rejection of [...report.rejected, ...report.warnings]) {
    const from = origins[rejection.line - 1];
    if (from && rejection.field !== undefined) rejection.field = toPointer(rejection.field, from);
  }
  report.rejected.push(...refused);
  report.rejected.sort((a, b) => a.line - b.line);
  return { ...report, ignored };
}
