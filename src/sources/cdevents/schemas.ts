import { readdirSync, readFileSync } from "node:fs";
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import formats from "ajv-formats";

// The CDEvents v0.5.1 JSON schemas vendored in schemas/cdevents (draft 2020-12). The
// accepted event types are read from the schemas themselves (each pins its context.type),
// so vendoring a newer spec release changes what is accepted without touching code.

const SCHEMA_DIR = new URL("../../../schemas/cdevents/", import.meta.url);

interface Compiled {
  /** context.type → validator, e.g. dev.cdevents.service.deployed.0.3.0. */
  byType: Map<string, ValidateFunction>;
}

function readJson(url: URL): Record<string, unknown> {
  return JSON.parse(readFileSync(url, "utf8")) as Record<string, unknown>;
}

function jsonFiles(url: URL): URL[] {
  return readdirSync(url)
    .filter((name) => name.endsWith(".json"))
    .sort()
    .map((name) => new URL(name, url));
}

/** The context.type a CDEvent schema pins, from its enum (or const). */
function pinnedType(schema: Record<string, unknown>): string | undefined {
  const context = (schema.properties as Record<string, { properties?: Record<string, unknown> }>)
    ?.context;
  const type = context?.properties?.type as { enum?: unknown[]; const?: unknown } | undefined;
  const value = type?.const ?? type?.enum?.[0];
  return typeof value === "string" ? value : undefined;
}

let compiled: Compiled | undefined;

/** Compiled on first use and kept: compiling costs milliseconds, validating microseconds. */
function schemas(): Compiled {
  if (compiled) return compiled;
  const ajv = new Ajv2020({ allErrors: true });
  formats.default(ajv);
  // Links are referenced by relative $id (links/embeddedlinksarray), resolved against each event's $id.
  for (const url of jsonFiles(new URL("links/", SCHEMA_DIR))) ajv.addSchema(readJson(url));
  const byType = new Map<string, ValidateFunction>();
  for (const url of jsonFiles(SCHEMA_DIR)) {
    const schema = readJson(url);
    const type = pinnedType(schema);
    if (type === undefined) throw new Error(`${url.pathname}: no context.type enum`);
    byType.set(type, ajv.compile(schema));
  }
  compiled = { byType };
  return compiled;
}

/** Every CDEvent type with a vendored schema, sorted. */
export function acceptedTypes(): string[] {
  return [...schemas().byType.keys()].sort();
}

export function validatorFor(type: string): ValidateFunction | undefined {
  return schemas().byType.get(type);
}

/** A property name as a JSON pointer segment (RFC 6901). */
export const pointerSegment = (key: string) => key.replace(/~/g, "~0").replace(/\//g, "~1");

/** The JSON pointer an error is about: the missing or unexpected property itself, if any. */
function pointerOf(error: ErrorObject): string {
  const params = error.params as { missingProperty?: string; additionalProperty?: string };
  const child = params.missingProperty ?? params.additionalProperty;
  return child === undefined
    ? error.instancePath
    : `${error.instancePath}/${pointerSegment(child)}`;
}

function reasonOf(error: ErrorObject): string {
  if (error.keyword === "required") return "required";
  if (error.keyword === "additionalProperties") return "not allowed by the schema";
  if (error.keyword === "enum")
    return `must be one of ${(error.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(", ")}`;
  return error.message ?? error.keyword;
}

/**
 * Ajv's errors as {field, message}: field is the first error's pointer. Errors inside an
 * alternative (anyOf/oneOf) that failed as a whole are dropped: each branch's complaints
 * say less than "matches none of them".
 */
export function describeErrors(errors: readonly ErrorObject[]): { field: string; message: string } {
  const alternatives = errors
    .filter((e) => e.keyword === "anyOf" || e.keyword === "oneOf")
    .map((e) => e.instancePath);
  const within = (path: string, root: string) => path === root || path.startsWith(`${root}/`);
  const kept = errors.filter(
    (e) =>
      e.keyword === "anyOf" ||
      e.keyword === "oneOf" ||
      !alternatives.some((root) => within(e.instancePath, root)),
  );
  const seen = new Set<string>();
  const parts: string[] = [];
  for (const error of kept) {
    const text = `${pointerOf(error) || "/"}: ${reasonOf(error)}`;
    if (!seen.has(text)) parts.push(text);
    seen.add(text);
  }
  return { field: kept[0] ? pointerOf(kept[0]) : "", message: parts.join("; ") };
}
