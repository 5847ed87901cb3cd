import { parseInstant } from "../domain/instant.ts";

// The evaluation instant: --as-of, else KPI_AS_OF, else the wall clock.

/** The evaluation instant given to --as-of (or KPI_AS_OF). */
export const parseAsOf = (text: string): number => parseInstant(text, "--as-of");

/** A clock: fixed when --as-of or KPI_AS_OF is given, the current time otherwise. */
export function clockFrom(asOf: string | undefined, env = process.env): () => number {
  const text = asOf ?? env.KPI_AS_OF;
  if (text === undefined || text === "") return () => Date.now();
  const fixed = parseAsOf(text);
  return () => fixed;
}

/** An instant given to another option (--from, --to): the same rules, named for it. */
export const parseInstantOption = (flag: string, text: string): number => parseInstant(text, flag);

/** True for a bare date (2026-09-30), which a period's end reads as the whole day. */
export const isBareDate = (text: string) => /^\d{4}-\d{2}-\d{2}$/.test(text.trim());
