import { createHash } from "node:crypto";
import type { CostInput } from "./schemas.ts";

// A cost row without a source id still needs a stable identity, or importing the
// same billing export twice would double the cost (METRICS.md decision 16). The digest
// covers what the row says as received, not what ingest derived from it, so changing a
// rate or a cost selector re-imports into the same row instead of a new one.

/** JSON with object keys sorted at every depth, so equal values give equal text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/**
 * The row's own id when given, else the sha256 (hex) of its canonical fields. Times
 * enter as epoch ms so one instant written with different offsets is one row.
 */
export function costIdentity(row: CostInput): string {
  if (row.id !== undefined) return row.id;
  const { id: _none, ...fields } = row;
  return createHash("sha256").update(canonicalJson(fields)).digest("hex");
}
