import { kthSmallest } from "./quantile.ts";

// The k-th and (k+1)-th smallest values across sorted runs, without merging them. An even
// sample of every value brackets rank k between two sample values; binary search in each
// run counts what lies below, at and above the bracket's ends, and only the values strictly
// inside it (a few thousand of a million) are gathered and selected from. Exact whatever
// the sample: a bracket that misses the rank is widened, at worst to every value.

/** Ranks either side of k in the sample, at first: the bracket holds ~2·MARGIN/size. */
const MARGIN = 16;
/** Fewer values than this are selected from directly. */
const DIRECT = 1024;

/** First index of `run` whose value is not below v (or above v, when `after`). */
function bound(run: Float64Array, v: number, after: boolean): number {
  let lo = 0;
  let hi = run.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const x = run[mid] as number;
    if (x < v || (after && x === v)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Every size/n-th value of the runs taken one after another, sorted: a uniform sample. */
function evenSample(runs: readonly Float64Array[], n: number, size: number): Float64Array {
  const step = n / size;
  const sample = new Float64Array(Math.floor(n / step));
  let next = step / 2;
  let offset = 0;
  let at = 0;
  for (const run of runs) {
    for (; next < offset + run.length && at < sample.length; next += step)
      sample[at++] = run[Math.floor(next - offset)] as number;
    offset += run.length;
  }
  return sample.subarray(0, at).sort();
}

/** Where a value stands among all: per run, where values reach it and pass it. */
interface Standing {
  below: number;
  atOrBelow: number;
  belowAt: number[];
  atOrBelowAt: number[];
}

function standing(runs: readonly Float64Array[], v: number): Standing {
  const belowAt = runs.map((run) => bound(run, v, false));
  const atOrBelowAt = runs.map((run) => bound(run, v, true));
  let below = 0;
  let atOrBelow = 0;
  for (let i = 0; i < runs.length; i++) {
    below += belowAt[i] as number;
    atOrBelow += atOrBelowAt[i] as number;
  }
  return { below, atOrBelow, belowAt, atOrBelowAt };
}

/** The rank-r value, when the bracket [from, to] holds it (undefined when it does not). */
function within(runs: readonly Float64Array[], r: number, from: number, to: number) {
  const low = standing(runs, from);
  const high = from === to ? low : standing(runs, to);
  if (r < low.below || r >= high.atOrBelow) return undefined;
  if (r < low.atOrBelow) return from;
  if (r >= high.below) return to;
  // Strictly between the ends: gather those values only.
  const inside = new Float64Array(high.below - low.atOrBelow);
  let put = 0;
  for (const [i, run] of runs.entries()) {
    const start = low.atOrBelowAt[i] as number;
    const end = high.belowAt[i] as number;
    inside.set(run.subarray(start, end), put);
    put += end - start;
  }
  return kthSmallest(inside, r - low.atOrBelow);
}

/** The rank-r value (0-based) of every value in `runs`, each sorted ascending. */
function rankOfRuns(
  runs: readonly Float64Array[],
  n: number,
  r: number,
  sample: Float64Array | undefined,
): number {
  if (runs.length === 1) return (runs[0] as Float64Array)[r] as number;
  if (sample !== undefined && sample.length > 0) {
    const at = Math.floor(((r + 0.5) / n) * sample.length);
    for (let margin = MARGIN; margin < 4 * sample.length; margin *= 4) {
      const from = sample[Math.max(0, at - margin)] as number;
      const to = sample[Math.min(sample.length - 1, at + margin)] as number;
      const found = within(runs, r, from, to);
      if (found !== undefined) return found;
    }
  }
  return within(runs, r, Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY) as number;
}

/**
 * The k-th smallest (0-based) of every value in `runs` (each sorted ascending), and the
 * next one up, or undefined when k is the last rank.
 */
export function ranksOfRuns(
  runs: readonly Float64Array[],
  k: number,
): [number, number | undefined] {
  let n = 0;
  for (const run of runs) n += run.length;
  const sample =
    runs.length > 1 && n > DIRECT ? evenSample(runs, n, Math.sqrt(2 * MARGIN * n)) : undefined;
  const value = rankOfRuns(runs, n, k, sample);
  return [value, k + 1 < n ? rankOfRuns(runs, n, k + 1, sample) : undefined];
}
