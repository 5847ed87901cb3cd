import { fieldPath } from "./field-path.ts";

// Values JSON can carry but PostgreSQL cannot store, the engine cannot sum or a walker
// cannot descend into safely are refused per line here: left to the database, one such
// line would roll back the valid lines of its whole batch; left to a recursive walker,
// one deeply nested line would overflow the stack and sink its whole import.

/** Large enough for any real amount or count, small enough that sums stay finite. */
export const MAX_MAGNITUDE = 1e15;
/**
 * Largest cost row, either sign: credits are negative, but no single billing row of any
 * real organisation comes near a trillion (decision 151).
 */
export const MAX_AMOUNT = 1e12;
/** Levels of nesting a line may have; the import format itself needs three (decision 151). */
export const MAX_DEPTH = 32;
/** Characters in any one string value; identifiers have a lower limit. */
export const MAX_TEXT_LENGTH = 65_536;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export interface Unstorable {
  code: "invalid_field" | "limit_exceeded";
  field: string;
  message: string;
}

type Problem = Pick<Unstorable, "code" | "message">;

function problemOf(value: unknown, limitLength = true): Problem | undefined {
  if (typeof value === "string") {
    if (limitLength && value.length > MAX_TEXT_LENGTH)
      return { code: "limit_exceeded", message: `longer than ${MAX_TEXT_LENGTH} characters` };
    if (value.includes("\u0000"))
      return { code: "invalid_field", message: "must not contain the NUL character (\\u0000)" };
    if (LONE_SURROGATE.test(value))
      return { code: "invalid_field", message: "must be well-formed Unicode (lone surrogate)" };
  }
  if (typeof value === "number" && Math.abs(value) > MAX_MAGNITUDE)
    return {
      code: "invalid_field",
      message: `must be between -${MAX_MAGNITUDE} and ${MAX_MAGNITUDE}`,
    };
  return undefined;
}

/** Keys are not held to the length limit: a known key is short, an unknown one is dropped. */
function keyProblem(entries: [string, unknown][], path: PropertyKey[]): Unstorable | undefined {
  for (const [key] of entries) {
    const problem = problemOf(key, false);
    if (problem)
      return {
        ...problem,
        field: fieldPath([...path, key]),
        message: `key ${JSON.stringify(key.slice(0, 64))}: ${problem.message}`,
      };
  }
  return undefined;
}

/**
 * The first unstorable value of a parsed JSON line, in document order, with its field path.
 * Iterative, with an explicit stack: the depth limit is what it enforces, not what it relies on.
 */
export function findUnstorable(value: unknown): Unstorable | undefined {
  const stack: { value: unknown; path: PropertyKey[] }[] = [{ value, path: [] }];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const { value: item, path } = next;
    const where = fieldPath(path) || "(record)";
    const problem = problemOf(item);
    if (problem)
      return { ...problem, field: fieldPath(path), message: `${where}: ${problem.message}` };
    if (item === null || typeof item !== "object") continue;
    if (path.length >= MAX_DEPTH)
      return {
        code: "limit_exceeded",
        field: fieldPath(path),
        message: `${where}: nested deeper than ${MAX_DEPTH} levels`,
      };
    const entries = Object.entries(item);
    const badKey = keyProblem(entries, path);
    if (badKey) return badKey;
    // Pushed last to first, so the first child is looked at first.
    for (let i = entries.length - 1; i >= 0; i -= 1) {
      const [key, child] = entries[i] as [string, unknown];
      stack.push({ value: child, path: [...path, Array.isArray(item) ? i : key] });
    }
  }
  return undefined;
}
