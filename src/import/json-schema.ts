import { z } from "zod";
import { POLICY_SUBJECT_PREFIX } from "../domain/evidence-record.ts";
import { RECORD_KINDS, type RecordKind } from "../domain/records.ts";
import { FIELD_NOTES, KIND_NOTES } from "./field-notes.ts";
import { INPUT_SCHEMAS } from "./schemas.ts";
import { MAX_AMOUNT, MAX_MAGNITUDE, MAX_TEXT_LENGTH } from "./storable.ts";

// The import format as a JSON Schema (draft 2020-12), made from the zod schemas the
// importer validates with (test/import/published-format.test.ts keeps them in step, and
// writes out below what zod's refinements say but cannot export). It is a little stricter
// than the importer, never looser: enumerations list their canonical lower-case spelling
// (the importer takes any case), unknown fields and null are refused (the importer warns
// and drops them), text lengths are halved (see bounded). What no JSON Schema can state is
// in the descriptions only: the service must be in the catalogue and the currency have a
// rate; fields must agree (an end not before its start, ciLow not above ciHigh); a time's
// instant, offset applied, lies in the years 1 to 9999; text holds no NUL or lone
// surrogate; a line is at most 1 MiB.

/** Where the published schema lives in the repository and the package. */
export const IMPORT_SCHEMA_FILE = "schemas/import-v1.json";

type Json = Record<string, unknown>;

/**
 * The importer's own grammar for a time (zod's), not only `format`: a format is an
 * annotation to most validators, and ajv-formats takes spellings zod refuses (a space
 * for T, lower-case z, an offset without a colon). Year 0000 is refused as the store does.
 */
function instant(): Json {
  const grammar = z.toJSONSchema(z.iso.datetime({ offset: true })) as { pattern: string };
  return {
    type: "string",
    format: "date-time",
    pattern: grammar.pattern.replace(/^\^/, "^(?!0000)"),
    description:
      "ISO-8601 with an offset, e.g. 2026-03-01T10:00:00Z; the instant, offset applied, in the years 1 to 9999.",
  };
}

/**
 * The limits every value of a line has (storable.ts), which zod states as refinements
 * the generated schema cannot carry: numbers within MAX_MAGNITUDE (a cost amount within
 * MAX_AMOUNT), and text lengths. The importer counts a string's UTF-16 units, JSON Schema
 * its characters, and a character outside the Basic Multilingual Plane is two units: so
 * the schema allows half of each limit, which no string over the limit can meet.
 */
function bounded(schema: Json, path: string): Json {
  if (schema.type === "string" && schema.enum === undefined)
    return {
      ...schema,
      maxLength: Math.floor(((schema.maxLength as number) ?? MAX_TEXT_LENGTH) / 2),
    };
  if (schema.type === "number" || schema.type === "integer") {
    const limit = path === "amount" ? MAX_AMOUNT : MAX_MAGNITUDE;
    const minimum = Math.max((schema.minimum as number | undefined) ?? -limit, -limit);
    const maximum = Math.min((schema.maximum as number | undefined) ?? limit, limit);
    return { ...schema, minimum, maximum };
  }
  if (schema.type === "array")
    return { ...schema, items: bounded(schema.items as Json, `${path}[]`) };
  if (schema.type === "object" && typeof schema.additionalProperties === "object")
    return { ...schema, additionalProperties: bounded(schema.additionalProperties as Json, path) };
  return schema;
}

/** The generated schema of one field, tidied: instants by reference, its note attached. */
function field(schema: Json, notes: Record<string, string>, path: string): Json {
  const description = notes[path];
  if (description === undefined) throw new Error(`no note for import field ${path}`);
  if (schema.format === "date-time") return { $ref: "#/$defs/instant", description };
  const items = schema.items as Json | undefined;
  const tidied: Json =
    items?.type === "object" ? { ...schema, items: object(items, notes, `${path}[].`) } : schema;
  return { description, ...bounded(tidied, path) };
}

function object(schema: Json, notes: Record<string, string>, prefix: string): Json {
  const properties: Json = {};
  for (const [name, value] of Object.entries(schema.properties as Record<string, Json>))
    properties[name] = field(value, notes, `${prefix}${name}`);
  return { ...schema, properties, additionalProperties: false };
}

function kindSchema(kind: RecordKind): Json {
  const generated = z.toJSONSchema(INPUT_SCHEMAS[kind], {
    io: "input",
    target: "draft-2020-12",
    unrepresentable: "throw",
  }) as Json;
  const { $schema: _, ...schema } = generated;
  const tidied = object(schema, FIELD_NOTES[kind], "");
  if (kind === "deployment") {
    const properties = tidied.properties as Record<string, Json>;
    properties.id = { ...properties.id, not: { pattern: `^${POLICY_SUBJECT_PREFIX}` } };
  }
  return {
    description: KIND_NOTES[kind],
    ...tidied,
    properties: { kind: { const: kind }, ...(tidied.properties as Json) },
    required: ["kind", ...((schema.required as string[] | undefined) ?? [])],
  };
}

/** The whole document: one line of any kind. */
export function importJsonSchema(): Json {
  const $defs: Json = { instant: instant() };
  for (const kind of RECORD_KINDS) $defs[kind] = kindSchema(kind);
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    title: "kpi-exporter event import format v1",
    description:
      "One JSON object per NDJSON line, accepted by `kpi-exporter import` and POST /api/v1/events; `kind` selects the record. Importing the same identity again replaces the record. A line valid here is stored when its service is in the catalogue, its currency has a rate, its fields agree (an end not before its start) and its text holds no NUL character.",
    type: "object",
    required: ["kind"],
    oneOf: RECORD_KINDS.map((kind) => ({ $ref: `#/$defs/${kind}` })),
    $defs,
  };
}
