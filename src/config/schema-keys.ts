import type { z } from "zod";

// What a config error needs to help: the value a path points at in what was written (a
// missing one is "required", not zod's "expected string, received undefined"), and the
// keys the schema knows at a path, for a did-you-mean on an unknown key.

interface Def {
  type: string;
  shape?: Record<string, z.core.$ZodType>;
  element?: z.core.$ZodType;
  innerType?: z.core.$ZodType;
  in?: z.core.$ZodType;
  out?: z.core.$ZodType;
  valueType?: z.core.$ZodType;
}

const defOf = (schema: z.core.$ZodType) => schema._zod.def as unknown as Def;

/** The schema under optional, default, prefault and pipe wrappers. */
function unwrapped(schema: z.core.$ZodType): z.core.$ZodType {
  const def = defOf(schema);
  const inner = def.innerType ?? (def.type === "pipe" ? def.in : undefined);
  return inner ? unwrapped(inner) : schema;
}

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
    const def: Def = defOf(unwrapped(at));
    if (def.type === "array") at = def.element;
    else if (def.type === "record") at = def.valueType;
    else at = def.shape?.[String(step)];
    if (at === undefined) return [];
  }
  return Object.keys(defOf(unwrapped(at)).shape ?? {});
}
