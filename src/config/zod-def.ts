import type { z } from "zod";

// Reading a zod schema's structure, for the walks that explain a value against it: the
// import's unknown fields and the config's did-you-mean. zod keeps the structure in an
// internal `def`; these are the parts the walks read.

export interface ZodDef {
  type: string;
  shape?: Record<string, z.core.$ZodType>;
  element?: z.core.$ZodType;
  innerType?: z.core.$ZodType;
  in?: z.core.$ZodType;
  valueType?: z.core.$ZodType;
}

export const defOf = (schema: z.core.$ZodType) => schema._zod.def as unknown as ZodDef;

/**
 * The schema under optional, default, prefault and pipe (transform) wrappers: what the
 * value must look like.
 */
export function unwrapped(schema: z.core.$ZodType): z.core.$ZodType {
  const def = defOf(schema);
  const inner = def.innerType ?? (def.type === "pipe" ? def.in : undefined);
  return inner ? unwrapped(inner) : schema;
}
