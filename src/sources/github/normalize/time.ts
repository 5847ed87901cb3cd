// GitHub timestamps are ISO-8601 UTC; a value that does not parse is a source defect
// worth naming, not a record to store with a NaN instant.

export function instant(text: string | null | undefined, what: string): number {
  const ms = text ? Date.parse(text) : Number.NaN;
  if (!Number.isFinite(ms)) throw new Error(`${what}: not a timestamp: ${JSON.stringify(text)}`);
  return ms;
}

export function optionalInstant(text: string | null | undefined): number | undefined {
  if (!text) return undefined;
  const ms = Date.parse(text);
  return Number.isFinite(ms) ? ms : undefined;
}
