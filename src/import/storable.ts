import { fieldPath } from "./field-path.ts";

// Values JSON can carry but PostgreSQL cannot store, or the engine cannot sum, are
// refused per line here: left to the database, one such line would roll back the
// valid lines of its whole batch.

/** Large enough for any real amount or count, small enough that sums stay finite. */
export const MAX_MAGNITUDE = 1e15;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function problemOf(value: unknown): string | undefined {
  if (typeof value === "string") {
    if (value.includes("\u0000")) return "must not contain the NUL character (\\u0000)";
    if (LONE_SURROGATE.test(value)) return "must be well-formed Unicode (lone surrogate)";
  }
  if (typeof value === "number" && Math.abs(value) > MAX_MAGNITUDE)
    return `must be between -${MAX_MAGNITUDE} and ${MAX_MAGNITUDE}`;
  return undefined;
}

/** The first unstorable value of a parsed JSON line, with its field path. */
export function findUnstorable(
  value: unknown,
  path: PropertyKey[] = [],
): { field: string; message: string } | undefined {
  const problem = problemOf(value);
  if (problem)
    return { field: fieldPath(path), message: `${fieldPath(path) || "(record)"}: ${problem}` };
  if (value === null || typeof value !== "object") return undefined;
  for (const [key, child] of Object.entries(value)) {
    const keyProblem = problemOf(key);
    if (keyProblem)
      return {
        field: fieldPath([...path, key]),
        message: `key ${JSON.stringify(key)}: ${keyProblem}`,
      };
    const found = findUnstorable(child, [...path, Array.isArray(value) ? Number(key) : key]);
    if (found) return found;
  }
  return undefined;
}
