import type { RecordKind } from "../domain/records.ts";
import { iso } from "./time.ts";

// Demo records as lines of the import format v1 (contract §6): one JSON object
// per line, `kind` first, instants as ISO-8601 UTC strings, absent fields left out.

const INSTANT_FIELDS = new Set([
  "finishedAt",
  "startedAt",
  "mergedAt",
  "createdAt",
  "authoredAt",
  "at",
  "resolvedAt",
  "completedAt",
  "openedAt",
  "fixedAt",
  "dismissedAt",
  "periodStart",
  "periodEnd",
]);

function importValue(key: string, value: unknown): unknown {
  if (INSTANT_FIELDS.has(key) && typeof value === "number") return iso(value);
  // Empty optional lists say nothing; leaving them out keeps the file small.
  if (Array.isArray(value) && value.length === 0) return undefined;
  return value;
}

export function toImportLine(kind: RecordKind, record: object): string {
  return JSON.stringify({ kind, ...record }, importValue);
}
