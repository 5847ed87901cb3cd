// The evaluation instant: --as-of, else KPI_AS_OF, else the wall clock. All times are
// UTC, so a date or a date-time without an offset is read as UTC, never local time.

const ISO = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

export function parseAsOf(text: string): number {
  const trimmed = text.trim();
  if (!ISO.test(trimmed))
    throw new Error(
      `--as-of: expected an ISO-8601 instant such as 2026-06-30T00:00:00Z, got "${text}"`,
    );
  const hasTime = trimmed.includes("T") || trimmed.includes("t");
  const hasOffset = /(Z|[+-]\d{2}:?\d{2})$/i.test(trimmed) && hasTime;
  const normalized = !hasTime ? `${trimmed}T00:00:00Z` : hasOffset ? trimmed : `${trimmed}Z`;
  const ms = Date.parse(normalized);
  // Date.parse rolls impossible dates over (02-30 becomes 03-02); refuse them instead.
  const [year, month, day] = trimmed.slice(0, 10).split("-").map(Number);
  const calendar = new Date(Date.UTC(2000, (month as number) - 1, day as number));
  calendar.setUTCFullYear(year as number);
  if (
    Number.isNaN(ms) ||
    calendar.getUTCMonth() !== (month as number) - 1 ||
    calendar.getUTCDate() !== day
  )
    throw new Error(`--as-of: not a valid instant: "${text}"`);
  return ms;
}

/** A clock: fixed when --as-of or KPI_AS_OF is given, the current time otherwise. */
export function clockFrom(asOf: string | undefined, env = process.env): () => number {
  const text = asOf ?? env.KPI_AS_OF;
  if (text === undefined || text === "") return () => Date.now();
  const fixed = parseAsOf(text);
  return () => fixed;
}

/** An instant given to another option (--from, --to): the same rules, named for it. */
export function parseInstantOption(flag: string, text: string): number {
  try {
    return parseAsOf(text);
  } catch (error) {
    throw new Error((error as Error).message.replace("--as-of", flag));
  }
}

/** True for a bare date (2026-09-30), which a period's end reads as the whole day. */
export const isBareDate = (text: string) => /^\d{4}-\d{2}-\d{2}$/.test(text.trim());
