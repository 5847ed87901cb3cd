import { z } from "zod";
import { RECORD_KINDS, type RecordKind } from "../domain/records.ts";
import { FIELD_NOTES, KIND_NOTES } from "./field-notes.ts";
import { INPUT_SCHEMAS } from "./schemas.ts";

// The import format as a JSON Schema (draft 2020-12), made from the zod schemas the
// importer validates with, so the two cannot drift (test/import/published-format.test.ts).
// It is a little stricter than the importer, never looser: enumerations list their
// canonical lower-case spelling (the importer takes any case), unknown fields are refused
// (the importer stores the line without them and warns), null is refused (the importer
// reads it as absent). Two rules no JSON Schema can state are in the descriptions only:
// the service must be in the catalogue, and fields must agree (an end not before its
// start, ciLow not above ciHigh).

/** Where the published schema lives in the repository and the package. */
export const IMPORT_SCHEMA_FILE = "schemas/import-v1.json";

type Json = Record<string, unknown>;

const INSTANT: Json = {
  type: "string",
  format: "date-time",
  description: "ISO-8601 with an offset, e.g. 2026-03-01T10:00:00Z; years 1 to 9999.",
};

/** The generated schema of one field, tidied: instants by reference, its note attached. */
function field(schema: Json, notes: Record<string, string>, path: string): Json {
  const description = notes[path];
  if (description === undefined) throw new Error(`no note for import field ${path}`);
  if (schema.format === "date-time") return { $ref: "#/$defs/instant", description };
  const items = schema.items as Json | undefined;
  const tidied: Json =
    items?.type === "object" ? { ...schema, items: object(items, notes, `${path}[].`) } : schema;
  return { description, ...tidied };
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
  return {
    description: KIND_NOTES[kind],
    ...tidied,
    properties: { kind: { const: kind }, ...(tidied.properties as Json) },
    required: ["kind", ...((schema.required as string[] | undefined) ?? [])],
  };
}

/** The whole document: one line of any kind. */
export function importJsonSchema(): Json {
  const $defs: Json = { instant: INSTANT };
  for (const kind of RECORD_KINDS) $defs[kind] = kindSchema(kind);
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    title: "kpi-exporter event import format v1",
    description:
      "One JSON object per NDJSON line, accepted by `kpi-exporter import` and POST /api/v1/events; `kind` selects the record. Importing the same identity again replaces the record. A line valid here is stored when its service is in the catalogue and its times are in order (an end not before its start).",
    type: "object",
    required: ["kind"],
    oneOf: RECORD_KINDS.map((kind) => ({ $ref: `#/$defs/${kind}` })),
    $defs,
  };
}
