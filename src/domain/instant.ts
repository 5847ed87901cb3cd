// Instants as users write them, on the command line and in the API: all times are UTC, so
// a date or a date-time without an offset is read as UTC, never local time.

const ISO = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

/** An ISO-8601 instant; a refusal names `name` (a flag, a query parameter). */
export function parseInstant(text: string, name: string): number {
  const trimmed = text.trim();
  if (!ISO.test(trimmed))
    throw new Error(
      `${name}: expected an ISO-8601 instant such as 2026-06-30T00:00:00Z, got "${text}"`,
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
    throw new Error(`${name}: not a valid instant: "${text}"`);
  return ms;
}

/** An epoch-millisecond instant as ISO-8601 UTC, to the millisecond. */
export const iso = (ms: number): string => new Date(ms).toISOString();
