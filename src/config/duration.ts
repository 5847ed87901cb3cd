// Durations in config and window labels: a whole number followed by one unit.
// Kept deliberately small: `90d`, `24h`, `30m`, `45s`, `2w`, or `0`.
const UNIT_MS: Record<string, number> = {
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

const DURATION = /^(\d+)(s|m|h|d|w)$/;

export const DAY_MS = UNIT_MS.d as number;

/** Milliseconds of a duration string, or undefined when it is not one. */
export function parseDuration(text: string): number | undefined {
  if (text === "0") return 0;
  const match = DURATION.exec(text);
  if (!match) return undefined;
  return Number(match[1]) * (UNIT_MS[match[2] as string] as number);
}

/**
 * Milliseconds of a duration the config schema has already accepted (with its default):
 * no caller repeats a default, and a text that slipped past the schema is an error.
 */
export function durationMs(text: string): number {
  const ms = parseDuration(text);
  if (ms === undefined) throw new Error(`not a duration: ${text}`);
  return ms;
}

export function isDuration(text: string): boolean {
  return parseDuration(text) !== undefined;
}
