import type { z } from "zod";
import { defOf, unwrapped } from "../config/zod-def.ts";
import { nearestName } from "../domain/nearest-name.ts";
import { fieldPath } from "./field-path.ts";

// Fields a line carries that its kind's schema does not define, at every level the
// schema defines (approvals[].by, commits[].sha…). zod strips them silently, so a typo
// such as "stauts": "failure" would store a success: this walk is what reports them.

export interface UnknownField {
  /** Path as users write it: approvals[0].bye */
  field: string;
  /** Path of the known field it is probably a misspelling of, when one is close. */
  meant?: string;
  message: string;
}

/** Longest unknown name echoed back whole; a longer one is cut, with its length. */
const NAME_SHOWN = 64;
/** Unknown fields named per line; the rest are counted, so a hostile line stays one message. */
export const UNKNOWN_FIELDS_SHOWN = 20;

const shown = (name: string) =>
  name.length <= NAME_SHOWN ? name : `${name.slice(0, NAME_SHOWN)}… (${name.length} characters)`;

function describe(path: PropertyKey[], name: string, known: string[]): UnknownField {
  const near = nearestName(name, known);
  const where = path.length ? `${fieldPath(path)}: ` : "";
  const hint = near === undefined ? "" : ` (did you mean ${JSON.stringify(near)}?)`;
  return {
    field: fieldPath([...path, shown(name)]),
    ...(near !== undefined && { meant: fieldPath([...path, near]) }),
    message: `${where}unknown field ${JSON.stringify(shown(name))}${hint}`,
  };
}

function walk(
  schema: z.core.$ZodType,
  value: unknown,
  path: PropertyKey[],
  extra: readonly string[],
  found: UnknownField[],
): void {
  const def = defOf(unwrapped(schema));
  if (def.type === "array" && def.element && Array.isArray(value)) {
    for (const [i, item] of value.entries()) walk(def.element, item, [...path, i], [], found);
    return;
  }
  // Only objects the schema spells out; a record (tags) takes any key.
  if (def.type !== "object" || !def.shape) return;
  if (value === null || typeof value !== "object" || Array.isArray(value)) return;
  const known = [...extra, ...Object.keys(def.shape)];
  for (const [name, child] of Object.entries(value)) {
    const field = def.shape[name];
    if (field !== undefined) walk(field, child, [...path, name], [], found);
    else if (!extra.includes(name)) found.push(describe(path, name, known));
    if (found.length > UNKNOWN_FIELDS_SHOWN) return;
  }
}

/** Unknown fields of a parsed line, outermost first; `kind` is known at the top. */
export function unknownFields(schema: z.core.$ZodType, line: unknown): UnknownField[] {
  const found: UnknownField[] = [];
  walk(schema, line, [], ["kind"], found);
  return found;
}
