import { createHash } from "node:crypto";

// Canonical JSON as RFC 8785 (JSON Canonicalization Scheme) defines it, for the values
// the ledger holds: one spelling per value, so a hash is reproducible by anyone with any
// JCS implementation (or these thirty lines) and no knowledge of this code base.
//
// - no whitespace anywhere;
// - object members sorted by key, comparing keys as arrays of UTF-16 code units;
//   members whose value is undefined are left out, as JSON.stringify does;
// - strings as ECMAScript's JSON.stringify writes them (", \ and U+0000–U+001F escaped,
//   \b \f \n \r \t in short form, everything else literal); lone surrogates are refused;
// - numbers as ECMAScript's Number-to-String (JSON.stringify): shortest round-trip form,
//   -0 as 0; NaN and infinities are refused;
// - true, false, null literally; arrays in their own order.
//
// The hash of a value is the lower-case hex SHA-256 of its canonical text encoded in UTF-8.

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json | undefined };

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** Printable ASCII without quote and backslash: written as is, no escaping to decide. */
const PLAIN = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

/** Thrown with the path to the offending value, built only on the way out of a failure. */
class CanonicalError extends Error {
  readonly path: string[];
  readonly problem: string;
  constructor(problem: string, path: string[] = []) {
    super(problem);
    this.problem = problem;
    this.path = path;
  }
}

/** Adds one step of the path to a failure from below, then lets it continue up. */
function failedAt(error: unknown, step: () => string): never {
  if (error instanceof CanonicalError) error.path.unshift(step());
  throw error;
}

function stringText(value: string): string {
  if (PLAIN.test(value)) return `"${value}"`;
  if (LONE_SURROGATE.test(value)) throw new CanonicalError("has a lone surrogate");
  return JSON.stringify(value);
}

// Plain loops and string appends: the ledger canonicalises every production deployment's
// facts on each append, a hundred thousand of them at the reference size.
function serialize(value: unknown): string {
  if (value === null) return "null";
  switch (typeof value) {
    case "boolean":
      return value ? "true" : "false";
    case "number":
      if (!Number.isFinite(value)) throw new CanonicalError("is not finite");
      return JSON.stringify(value);
    case "string":
      return stringText(value);
    case "object":
      return Array.isArray(value) ? arrayText(value) : objectText(value as Record<string, unknown>);
    default:
      throw new CanonicalError(`is a ${typeof value}`);
  }
}

function arrayText(array: unknown[]): string {
  let text = "[";
  for (let i = 0; i < array.length; i++) {
    if (i) text += ",";
    try {
      text += serialize(array[i]);
    } catch (error) {
      failedAt(error, () => `[${i}]`);
    }
  }
  return `${text}]`;
}

function objectText(object: Record<string, unknown>): string {
  // The default sort compares UTF-16 code units, which is exactly RFC 8785's order.
  const keys = Object.keys(object).sort();
  let text = "{";
  for (const key of keys) {
    const member = object[key];
    if (member === undefined) continue;
    if (text.length > 1) text += ",";
    text += `${stringText(key)}:`;
    try {
      text += serialize(member);
    } catch (error) {
      failedAt(error, () => `.${key}`);
    }
  }
  return `${text}}`;
}

export function canonicalJson(value: Json | object): string {
  try {
    return serialize(value);
  } catch (error) {
    if (!(error instanceof CanonicalError)) throw error;
    throw new Error(`canonical JSON: $${error.path.join("")} ${error.problem}`);
  }
}

/** SHA-256 in hex of a text (as UTF-8) or of bytes. */
export function sha256Hex(data: string | Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}

/** The JSON text parsed back, or undefined when it is not JSON or not canonical. */
export function parseCanonical(text: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
    return canonicalJson(value as Json) === text ? value : undefined;
  } catch {
    return undefined;
  }
}
