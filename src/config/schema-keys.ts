import type { z } from "zod";
import { defOf, unwrapped, type ZodDef } from "./zod-def.ts";

// What a config error needs to help: the value a path points at in what was written (a
// missing one is "required", not zod's "expected string, received undefined"), and the
// keys the schema knows at a path, for a did-you-mean on an unknown key.

/** The value at `path` in what was written; undefined when any step is missing. */
export function inputAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let at: unknown = value;
  for (const step of path) {
    if (at === null || typeof at !== "object") return undefined;
    at = (at as Record<PropertyKey, unknown>)[step];
  }
  return at;
}

/** The keys the object schema at `path` knows; none where the path leaves plain objects. */
export function keysAt(schema: z.core.$ZodType, path: readonly PropertyKey[]): string[] {
  let at: z.core.$ZodType | undefined = schema;
  for (const step of path) {
    const def: ZodDef = defOf(unwrapped(at));
    if (def.type === "array") at = def.element;
    else if (def.type === "record") at = def.valueType;
    else at = def.shape?.[String(step)];
    if (at === undefined) return [];
  }
  return Object.keys(defOf(unwrapped(at)).shape ?? {});
}
