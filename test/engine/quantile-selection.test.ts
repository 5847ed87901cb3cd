import { describe, expect, it } from "vitest";
import { quantileSorted, quantilesOf, sortedNumbers } from "../../src/engine/quantile.ts";

// Quantiles by selection must equal quantiles of a sorted copy exactly, bit for bit: the
// exposition's golden bytes and the independent checks depend on it.

function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

const bySort = (values: number[], qs: number[]) =>
  qs.map((q) => quantileSorted(sortedNumbers(values), q));

describe("quantiles by selection", () => {
  it("equal the sorted copy's on random, tied, sorted, reversed and tiny inputs", () => {
    const random = seeded(42);
    const qs = [0.5, 0.9];
    for (let run = 0; run < 400; run++) {
      const n = 1 + Math.floor(random() * (run < 200 ? 12 : 3000));
      const distinct = 1 + Math.floor(random() * 20);
      const values = Array.from({ length: n }, () =>
        run % 3 === 0 ? Math.floor(random() * distinct) : random() * 1e6,
      );
      if (run % 7 === 0) values.sort((a, b) => a - b);
      if (run % 11 === 0) values.sort((a, b) => b - a);
      expect(quantilesOf(values, qs), `run ${run}`).toEqual(bySort(values, qs));
    }
  });

  it("interpolates between closest ranks as the contract says", () => {
    // Ranks 0..3 of [10, 20, 30, 40]: p50 at 1.5 → 25, p90 at 2.7 → 37.
    expect(quantilesOf([40, 10, 30, 20], [0.5, 0.9])).toEqual([25, 37]);
    expect(quantilesOf([7], [0.5, 0.9])).toEqual([7, 7]);
  });

  it("leaves the caller's values as they were", () => {
    const values = [3, 1, 2];
    quantilesOf(values, [0.5]);
    expect(values).toEqual([3, 1, 2]);
  });
});
