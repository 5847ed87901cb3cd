import { describe, expect, test } from "vitest";
import type { CostRow } from "../../../src/domain/records.ts";
import { parseConfig } from "../../../src/sources/config-file.ts";
import { importFocusFiles } from "../../../src/sources/focus/import-format.ts";
import { BACKENDS } from "./backends.ts";
import {
  effectiveCost,
  SAMPLE,
  SAMPLE_CATALOGUE,
  sampleRows,
  sampleService,
} from "./independent.ts";

// The FinOps Foundation's FOCUS 1.0 sample must import to the cent: totals, per service
// and per day, against sums computed here from the raw file, on every store backend.

const config = parseConfig({
  version: "kpi-exporter/v1",
  currency: "USD",
  teams: SAMPLE_CATALOGUE,
});
const rows = sampleRows();
const sum = (costs: CostRow[], keep: (c: CostRow) => boolean = () => true) =>
  costs.filter(keep).reduce((total, c) => total + c.amount, 0);

describe.each(BACKENDS)("the FOCUS 1.0 sample on $name", (backend) => {
  test("stores day rows whose totals equal the file's EffectiveCost", {
    timeout: 60_000,
  }, async () => {
    const store = await backend.open();
    const report = await importFocusFiles([SAMPLE], { store, config }, {});
    expect(report.accepted.cost).toBe(1_000);
    expect(report.rejected).toEqual([]);
    const { costs } = await store.load();
    // 14.97651418586 is the column's sum in exact decimal arithmetic (done outside the
    // repository); the raw rows summed here say the same.
    expect(sum(costs)).toBeCloseTo(14.97651418586, 9);
    expect(sum(costs)).toBeCloseTo(effectiveCost(rows), 9);
    for (const service of ["pathmatrix", "atlas", "queues", undefined])
      expect(sum(costs, (c) => c.service === service)).toBeCloseTo(
        effectiveCost(rows, (r) => sampleService(r) === service),
        9,
      );
    // By hand: 176 tagged rows of 1 and 2 dollars make 16; atlas keeps a -3 credit.
    expect(sum(costs, (c) => c.service === "pathmatrix")).toBeCloseTo(16, 9);
    expect(sum(costs, (c) => c.service === "atlas")).toBeCloseTo(-3, 9);
    for (const day of ["2024-09-01", "2024-09-19", "2024-09-30"]) {
      const start = Date.parse(`${day}T00:00:00Z`);
      expect(sum(costs, (c) => c.periodStart === start)).toBeCloseTo(
        effectiveCost(rows, (r) => r.ChargePeriodStart?.startsWith(day) ?? false),
        9,
      );
    }
    // Aggregated, never raw: one row per account, day, category, service and currency.
    expect(costs.length).toBeLessThan(rows.length / 5);
    expect(costs.every((c) => c.periodStart % 86_400_000 === 0 && c.category === "cloud")).toBe(
      true,
    );
  });

  test("importing the same file again changes nothing", { timeout: 60_000 }, async () => {
    const store = await backend.open();
    const first = await importFocusFiles([SAMPLE], { store, config }, {});
    const before = await store.load();
    const again = await importFocusFiles([SAMPLE], { store, config }, {});
    expect(again.written).toBe(0);
    expect(again.unchanged).toBe(first.written);
    expect(await store.load()).toEqual(before);
  });
});
