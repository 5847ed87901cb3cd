import { describe, expect, it } from "vitest";
import { quantileSorted, sortedNumbers } from "../../src/engine/quantile.ts";
import { ValueRuns } from "../../src/engine/value-runs.ts";

// A scope's quantiles taken across its services' sorted runs must equal, bit for bit,
// the quantiles of every value in one sorted array (the contract's definition).

function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

const QS = [0.5, 0.9];
const bySort = (values: number[]) => QS.map((q) => quantileSorted(sortedNumbers(values), q));

/** Splits values into `parts` services' runs and merges them as a team would. */
function merged(values: number[], parts: number, random: () => number): ValueRuns {
  const services = Array.from({ length: parts }, () => new ValueRuns());
  for (const v of values) services[Math.floor(random() * parts)]?.push(v);
  const team = new ValueRuns();
  for (const s of services) team.addAll(s);
  return team;
}

describe("quantiles across sorted runs", () => {
  it("equal one sorted array's on random, tied, skewed and large inputs", () => {
    const random = seeded(7);
    for (let run = 0; run < 300; run++) {
      const n = 1 + Math.floor(random() * (run < 150 ? 40 : run < 280 ? 5000 : 120_000));
      const distinct = 1 + Math.floor(random() * 30);
      const values = Array.from({ length: n }, (_, i) =>
        run % 3 === 0
          ? Math.floor(random() * distinct)
          : run % 5 === 0
            ? i * 1000 + random() // ascending: the sample's bracket sits at one end
            : random() * 1e7,
      );
      const parts = 1 + Math.floor(random() * (run % 2 ? 8 : 600));
      expect(merged(values, parts, random).quantiles(QS), `run ${run}`).toEqual(bySort(values));
    }
  });

  it("brackets correctly when one run holds every small value and the rest every large", () => {
    const small = Array.from({ length: 30_000 }, (_, i) => i / 7);
    const large = Array.from({ length: 3_000 }, (_, i) => 1e9 + i);
    const a = new ValueRuns();
    for (const v of small) a.push(v);
    const team = new ValueRuns();
    team.addAll(a);
    for (let s = 0; s < 300; s++) {
      const b = new ValueRuns();
      for (let i = s * 10; i < s * 10 + 10; i++) b.push(large[i] as number);
      team.addAll(b);
    }
    expect(team.quantiles(QS)).toEqual(bySort([...small, ...large]));
    expect(team.length).toBe(33_000);
  });

  it("reads ranks that fall among tied values at either end of the bracket", () => {
    const random = seeded(11);
    for (const zeros of [0.5, 0.85, 0.95, 0.999]) {
      const values = Array.from({ length: 60_000 }, () =>
        random() < zeros ? 0 : random() < 0.5 ? 3600 : random() * 1e5,
      );
      expect(merged(values, 500, random).quantiles(QS), `zeros ${zeros}`).toEqual(bySort(values));
    }
  });

  it("has no quantiles without values, and one value is every quantile", () => {
    expect(new ValueRuns().quantiles(QS)).toEqual([]);
    const one = new ValueRuns();
    one.push(42);
    expect(merged([42], 3, seeded(1)).quantiles(QS)).toEqual([42, 42]);
    expect(one.quantiles(QS)).toEqual([42, 42]);
  });

  it("leaves a service's runs as they were when its team's quantiles are taken", () => {
    const service = new ValueRuns();
    for (const v of [5, 1, 4, 2, 3]) service.push(v);
    const team = new ValueRuns();
    team.addAll(service);
    team.addAll(service);
    expect(team.quantiles(QS)).toEqual(bySort([5, 1, 4, 2, 3, 5, 1, 4, 2, 3]));
    expect(service.quantiles(QS)).toEqual(bySort([5, 1, 4, 2, 3]));
  });
});
