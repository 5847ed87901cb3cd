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
 * Milliseconds of a window label or SLO period the config schema has already accepted:
 * those stay text in the config because they are names in the output (the `window` label,
 * recording-rule names); every other duration arrives parsed (patterns.ts).
 */
export function durationMs(text: string): number {
  const ms = parseDuration(text);
  if (ms === undefined) throw new Error(`not a duration: ${text}`);
  return ms;
}

export function isDuration(text: string): boolean {
  return parseDuration(text) !== undefined;
}

/** Milliseconds as a duration in the config's and Prometheus's syntax: 90d, 3h5m, 30s; 0 is "0s". */
export function formatDuration(ms: number): string {
  const units: Array<[string, number]> = [
    ["d", 86_400_000],
    ["h", 3_600_000],
    ["m", 60_000],
    ["s", 1_000],
  ];
  let rest = ms;
  let text = "";
  for (const [unit, size] of units) {
    const n = Math.floor(rest / size);
    if (n > 0) text += `${n}${unit}`;
    rest -= n * size;
  }
  return text || "0s";
}
