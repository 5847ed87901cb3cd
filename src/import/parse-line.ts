import type { z } from "zod";
import { RECORD_KINDS, type RecordKind } from "../domain/records.ts";
import { fieldPath } from "./field-path.ts";
import type { IngestRules } from "./ingest-rules.ts";
import type { RejectCode } from "./report.ts";
import { INPUT_SCHEMAS } from "./schemas.ts";
import { findUnstorable } from "./storable.ts";
import { toRecord } from "./to-record.ts";

// One NDJSON line to either a domain record or the reason it was refused. Pure: the
// caller numbers lines and talks to the store.

export type LineOutcome =
  | { blank: true }
  | { kind: RecordKind; record: unknown }
  | { kind?: RecordKind; code: RejectCode; field?: string; message: string };

const KINDS = new Set<string>(RECORD_KINDS);

/**
 * Producers often write null for "no value"; the contract's optional fields are
 * simply absent. Dropping null-valued keys lets both spellings mean the same thing.
 */
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (value === null || typeof value !== "object") return value;
  const entries = Object.entries(value).filter(([, v]) => v !== null);
  return Object.fromEntries(entries.map(([k, v]) => [k, withoutNulls(v)]));
}

const requiredWhenMissing = (issue: { input?: unknown }) =>
  issue.input === undefined ? "required" : undefined;

function describe(issues: readonly z.core.$ZodIssue[]): { field: string; message: string } {
  const first = issues[0];
  const field = first ? fieldPath(first.path) : "";
  const message = issues.map((i) => `${fieldPath(i.path) || "(record)"}: ${i.message}`);
  return { field, message: message.join("; ") };
}

export function parseLine(line: string, rules: IngestRules): LineOutcome {
  if (line.trim() === "") return { blank: true };
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    return { code: "invalid_json", message: (error as Error).message };
  }
  if (value === null || typeof value !== "object" || Array.isArray(value))
    return { code: "invalid_json", message: "expected a JSON object" };
  const kind = (value as { kind?: unknown }).kind;
  if (typeof kind !== "string" || !KINDS.has(kind))
    return {
      code: "unknown_kind",
      field: "kind",
      message:
        kind === undefined
          ? "missing kind"
          : `unknown kind ${JSON.stringify(kind)}; expected one of ${RECORD_KINDS.join(", ")}`,
    };
  const known = kind as RecordKind;
  const unstorable = findUnstorable(value);
  if (unstorable) return { kind: known, code: "invalid_field", ...unstorable };
  const parsed = INPUT_SCHEMAS[known].safeParse(withoutNulls(value), {
    error: requiredWhenMissing,
  });
  if (!parsed.success)
    return { kind: known, code: "invalid_field", ...describe(parsed.error.issues) };
  const converted = toRecord(known, parsed.data, rules);
  if ("rejection" in converted) return { kind: known, ...converted.rejection };
  return { kind: known, record: converted.record };
}
