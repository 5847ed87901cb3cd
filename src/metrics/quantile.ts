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
