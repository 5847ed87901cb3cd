import { DAY_MS } from "../../../config/duration.ts";

// PagerDuty's GET /incidents accepts a since/until range of at most six months, so a
// longer history is read as consecutive slices of at most 180 days (six months are
// never shorter than 181 days).

export const MAX_SLICE_MS = 180 * DAY_MS;

export interface Slice {
  since: number;
  until: number;
}

/** [start, end) cut into consecutive slices no longer than maxMs; none when empty. */
export function slices(start: number, end: number, maxMs = MAX_SLICE_MS): Slice[] {
  const out: Slice[] = [];
  for (let since = start; since < end; since += maxMs)
    out.push({ since, until: Math.min(since + maxMs, end) });
  return out;
}
