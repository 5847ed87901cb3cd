import type { z } from "zod";
import { errorMessage } from "../domain/error-message.ts";
import { nearestName } from "../domain/nearest-name.ts";
import { RECORD_KINDS, type RecordKind } from "../domain/records.ts";
import type { RejectCode } from "../vocabulary/reject-codes.ts";
import { fieldPath } from "./field-path.ts";
import type { IngestRules } from "./ingest-rules.ts";
import { INPUT_SCHEMAS } from "./schemas.ts";
import { findUnstorable } from "./storable.ts";
import { isTimeOrder } from "./time-order.ts";
import { toRecord } from "./to-record.ts";
import { UNKNOWN_FIELDS_SHOWN, type UnknownField, unknownFields } from "./unknown-fields.ts";

// One NDJSON line to either a domain record or the reason it was refused. Pure: the
// caller numbers lines and talks to the store.

export type LineOutcome =
  | { blank: true }
  | { kind: RecordKind; record: unknown; warning?: { field: string; message: string } }
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

/**
 * The schema's complaints, then any unknown field that is probably a misspelling of a
 * field complained about: "finishedAt: required" alone would hide the fix.
 */
function describe(
  issues: readonly z.core.$ZodIssue[],
  unknown: readonly UnknownField[],
): { field: string; message: string } {
  const first = issues[0];
  const field = first ? fieldPath(first.path) : "";
  const paths = new Set(issues.map((i) => fieldPath(i.path)));
  const message = [
    ...issues.map((i) => `${fieldPath(i.path) || "(record)"}: ${i.message}`),
    ...unknown.filter((u) => u.meant !== undefined && paths.has(u.meant)).map((u) => u.message),
  ];
  return { field, message: message.join("; ") };
}

/** Every unknown field of a line in one message; the field is the first one's path. */
function summarise(unknown: UnknownField[]) {
  const named = unknown.slice(0, UNKNOWN_FIELDS_SHOWN).map((u) => u.message);
  if (unknown.length > UNKNOWN_FIELDS_SHOWN) named.push("and more unknown fields");
  return { field: unknown[0]?.field ?? "", message: named.join("; ") };
}

const isTooLong = (issue: z.core.$ZodIssue) =>
  issue.code === "too_big" && issue.origin === "string";

/** A line is refused for time order or length only when every complaint is of that sort. */
function reasonOf(issues: readonly z.core.$ZodIssue[]): RejectCode {
  if (issues.every(isTimeOrder)) return "time_order";
  if (issues.every(isTooLong)) return "limit_exceeded";
  return "invalid_field";
}

function unknownKind(given: unknown): string {
  const near = typeof given === "string" ? nearestName(given, RECORD_KINDS) : undefined;
  const hint = near === undefined ? "" : ` (did you mean "${near}"?)`;
  return `unknown kind ${JSON.stringify(given)}${hint}; expected one of ${RECORD_KINDS.join(", ")}`;
}

export function parseLine(line: string, rules: IngestRules): LineOutcome {
  if (line.trim() === "") return { blank: true };
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    return { code: "invalid_json", message: errorMessage(error) };
  }
  if (value === null || typeof value !== "object" || Array.isArray(value))
    return { code: "invalid_json", message: "expected a JSON object" };
  const given = (value as { kind?: unknown }).kind;
  // kind is an enumeration like any other: "Deployment" means deployment.
  const kind = typeof given === "string" ? given.toLowerCase() : given;
  if (typeof kind !== "string" || !KINDS.has(kind))
    return {
      code: "unknown_kind",
      field: "kind",
      message: kind === undefined ? "missing kind" : unknownKind(given),
    };
  const known = kind as RecordKind;
  const unstorable = findUnstorable(value);
  if (unstorable) return { kind: known, ...unstorable };
  const schema = INPUT_SCHEMAS[known];
  const unknown = unknownFields(schema, value);
  const parsed = schema.safeParse(withoutNulls(value), { error: requiredWhenMissing });
  if (!parsed.success) {
    const code = reasonOf(parsed.error.issues);
    return { kind: known, code, ...describe(parsed.error.issues, unknown) };
  }
  if (unknown.length > 0 && rules.strict)
    return { kind: known, code: "unknown_field", ...summarise(unknown) };
  const converted = toRecord(known, parsed.data, rules);
  if ("rejection" in converted) return { kind: known, ...converted.rejection };
  const record = { kind: known, record: converted.record };
  return unknown.length > 0 ? { ...record, warning: summarise(unknown) } : record;
}
