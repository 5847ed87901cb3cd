import { iso } from "../../domain/instant.ts";
import type { Incident } from "../../domain/records.ts";
import type { EventRejection, ImportObject, IncidentFact, Provenance } from "./types.ts";

// Folds the incident facts of one request, and the row already stored for each incident,
// into one import record per incident. An upsert replaces the whole row, so the record
// must carry what earlier events established: a resolution keeps the stored start, and
// a detection re-sent after the resolution keeps the stored resolvedAt. The fold takes
// the earliest start and the latest resolution, so the order events arrive in does not
// change the result.

/** A fact with the position (0-based) of its event in the request. */
export type PlacedFact = IncidentFact & { index: number };

export type MergeOutcome =
  | { index: number; record: ImportObject; from: Provenance }
  | { index: number; rejection: EventRejection };

/** The stored row as import fields, without its instants (the fold recomputes those). */
function storedFields(incident: Incident): Record<string, unknown> {
  const { startedAt: _start, resolvedAt: _end, ...fields } = incident;
  return fields;
}

function unknownStart(id: string): EventRejection {
  return {
    kind: "incident",
    field: "/subject/id",
    code: "invalid_field",
    message:
      `/subject/id: incident ${JSON.stringify(id)} was resolved before it was detected: no ` +
      "incident.detected or incident.reported for it was received, so its start is unknown; " +
      "send one first, or set customData.kpi.startedAt",
  };
}

const earliest = (a: number | undefined, b: number | undefined) =>
  a === undefined ? b : b === undefined ? a : Math.min(a, b);
const latest = (a: number | undefined, b: number | undefined) =>
  a === undefined ? b : b === undefined ? a : Math.max(a, b);

/**
 * One outcome per incident, placed at the position of its last event (the positions of
 * its other events stay empty); an incident with no known start is rejected at each of
 * its events.
 */
export function mergeIncidents(
  facts: readonly PlacedFact[],
  stored: ReadonlyMap<string, Incident>,
): MergeOutcome[] {
  const byId = new Map<string, PlacedFact[]>();
  for (const fact of facts) byId.set(fact.id, [...(byId.get(fact.id) ?? []), fact]);
  const outcomes: MergeOutcome[] = [];
  for (const [id, group] of byId) {
    const prior = stored.get(id);
    const record: ImportObject = { kind: "incident", ...(prior && storedFields(prior)), id };
    const from: Provenance = {};
    let startedAt = prior?.startedAt;
    let resolvedAt = prior?.resolvedAt;
    for (const fact of group) {
      startedAt = earliest(startedAt, fact.startedAt);
      resolvedAt = latest(resolvedAt, fact.resolvedAt);
      for (const [field, value] of Object.entries(fact.fields)) {
        if (value === undefined) continue;
        record[field] = value;
        from[field] = fact.from[field] ?? "";
      }
      from.id = fact.from.id ?? "/subject/id";
    }
    if (startedAt === undefined) {
      for (const fact of group) outcomes.push({ index: fact.index, rejection: unknownStart(id) });
      continue;
    }
    record.startedAt = iso(startedAt);
    if (resolvedAt !== undefined) record.resolvedAt = iso(resolvedAt);
    from.startedAt = from.resolvedAt = "/context/timestamp";
    const index = group.at(-1)?.index ?? 0;
    outcomes.push({ index, record, from });
  }
  return outcomes;
}
