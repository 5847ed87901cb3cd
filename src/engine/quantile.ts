// Linear interpolation between closest ranks (numpy's default, Excel PERCENTILE.INC),
// as the contract prescribes.

/** Quantile q of `sorted` (ascending, non-empty). */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const h = (sorted.length - 1) * q;
  const low = Math.floor(h);
  const lowValue = sorted[low] as number;
  if (low + 1 >= sorted.length) return lowValue;
  return lowValue + (h - low) * ((sorted[low + 1] as number) - lowValue);
}

/** A numerically sorted copy; typed arrays sort by value, not as strings. */
export function sortedNumbers(values: readonly number[]): Float64Array {
  return Float64Array.from(values).sort();
}

/**
 * The quantiles `qs` (ascending) of `values` (non-empty), equal to quantileSorted over a
 * sorted copy, found by selection: two ranks of a million values need no full sort.
 */
export function quantilesOf(values: ArrayLike<number>, qs: readonly number[]): number[] {
  const a = Float64Array.from(values);
  const n = a.length;
  let from = 0;
  return qs.map((q) => {
    const h = (n - 1) * q;
    const low = Math.floor(h);
    select(a, low, from, n - 1);
    // Earlier ranks stay in place: the next selection only looks right of them.
    from = low;
    const lowValue = a[low] as number;
    if (low + 1 >= n) return lowValue;
    let next = Number.POSITIVE_INFINITY;
    for (let i = low + 1; i < n; i++) if ((a[i] as number) < next) next = a[i] as number;
    return lowValue + (h - low) * (next - lowValue);
  });
}

/** The k-th smallest (0-based) of `a`, which it reorders: smaller ones before k. */
export function kthSmallest(a: Float64Array, k: number): number {
  select(a, k, 0, a.length - 1);
  return a[k] as number;
}

/** Puts the k-th smallest of a[left..right] at k, smaller ones before it, larger after. */
function select(a: Float64Array, k: number, left: number, right: number): void {
  let lo = left;
  let hi = right;
  while (hi > lo) {
    const pivot = medianOfThree(a[lo] as number, a[(lo + hi) >>> 1] as number, a[hi] as number);
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((a[i] as number) < pivot) i++;
      while ((a[j] as number) > pivot) j--;
      if (i <= j) {
        const t = a[i] as number;
        a[i] = a[j] as number;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
}

function medianOfThree(x: number, y: number, z: number): number {
  if (x < y) return y < z ? y : x < z ? z : x;
  return x < z ? x : y < z ? z : y;
}
