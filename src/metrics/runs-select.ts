import { kthSmallest } from "./quantile.ts";

// The k-th and (k+1)-th smallest values across sorted runs, without merging them. A sample
// taken evenly from every run brackets rank k between two of its values; binary search in
// each run counts what lies below the bracket, and only the values inside it (a few
// thousand of a million) are gathered and selected from. Exact whatever the sample: a
// bracket that misses the rank just widens to every value.

/**
 * Ranks either side of k in the sample: the bracket holds about 2·MARGIN/size of the
 * values. A sample of √(2·MARGIN·n) balances sorting it against selecting in the bracket.
 */
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

function evenSample(runs: readonly Float64Array[], n: number): Float64Array {
  const size = Math.sqrt(2 * MARGIN * n);
  const sample: number[] = [];
  for (const run of runs) {
    const take = Math.ceil((size * run.length) / n);
    for (let j = 0; j < take; j++)
      sample.push(run[Math.floor(((j + 0.5) * run.length) / take)] as number);
  }
  return Float64Array.from(sample).sort();
}

/** Every value v of the runs with from ≤ v ≤ to, and how many lie below from. */
function gather(runs: readonly Float64Array[], from: number, to: number) {
  let below = 0;
  let inside = 0;
  const spans = runs.map((run) => {
    const start = bound(run, from, false);
    const end = bound(run, to, true);
    below += start;
    inside += end - start;
    return [start, end] as const;
  });
  const values = new Float64Array(inside);
  let at = 0;
  for (const [i, run] of runs.entries()) {
    const [start, end] = spans[i] as readonly [number, number];
    values.set(run.subarray(start, end), at);
    at += end - start;
  }
  return { below, values };
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
  let from = Number.NEGATIVE_INFINITY;
  let to = Number.POSITIVE_INFINITY;
  if (n > DIRECT) {
    const sample = evenSample(runs, n);
    const at = Math.floor((k / n) * sample.length);
    if (at - MARGIN >= 0) from = sample[at - MARGIN] as number;
    if (at + MARGIN < sample.length) to = sample[at + MARGIN] as number;
  }
  let { below, values } = gather(runs, from, to);
  const wanted = Math.min(k + 1, n - 1);
  if (below > k || below + values.length <= wanted)
    ({ below, values } = gather(runs, Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY));
  const value = kthSmallest(values, k - below);
  if (k + 1 >= n) return [value, undefined];
  let next = Number.POSITIVE_INFINITY;
  for (let i = k - below + 1; i < values.length; i++)
    if ((values[i] as number) < next) next = values[i] as number;
  return [value, next];
}
