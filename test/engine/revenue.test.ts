// Revenue impact of changes from experiment results (contract §3, Decision 25).
import { describe, expect, it } from "vitest";
import {
  change,
  deployment,
  expectRows,
  experiment,
  M,
  rows,
  series,
  snapshot,
} from "./helpers.ts";

const USD = { currency: "USD" };
const bound = (b: string) => ({ currency: "USD", bound: b });
const ex = (id: string, changeId: string, means: [number, number, number], ci?: [number, number]) =>
  experiment(id, changeId, means, ci, "USD");
const RECORDS = {
  deployments: [
    deployment({ id: "d0", at: "2026-06-11" }), // ships c3 (30d)
    deployment({ id: "d1", at: "2026-06-25" }), // ships c1, c2 (7d)
    deployment({ id: "bd", service: "billing", at: "2026-06-27" }), // ships b1 (7d)
  ],
  changes: [
    change({ id: "c3", mergedAt: "2026-06-10" }),
    change({ id: "c1", mergedAt: "2026-06-24" }),
    change({ id: "c2", mergedAt: "2026-06-24T12:00Z" }),
    change({ id: "b1", service: "billing", mergedAt: "2026-06-26" }),
    change({ id: "c4", mergedAt: "2026-06-29" }), // never deployed
  ],
  experiments: [
    // [control mean, treatment mean, treatment units], [ciLow, ciHigh]
    ex("e1", "c1", [10, 12, 100], [1, 3]), // (12 − 10)·100 = 200; [100, 300]
    ex("e2", "c1", [5, 4, 50], [-2, 0]), // −50; [−100, 0]
    ex("e3", "c2", [1, 1.5, 200], [0.2, 0.8]), // 100; [40, 160]
    ex("e4", "c3", [2, 3, 10], [0.5, 1.5]), // 10; [5, 15]
    ex("e5", "b1", [1, 2, 30]), // 30; no bounds
    ex("e6", "c4", [0, 100, 1000]), // change not deployed: ignored
  ],
};

describe("revenue impact", () => {
  const snap = snapshot(RECORDS, { currency: "USD" });

  it("sums estimate, low and high over changes deployed in the window", () => {
    const est = bound("estimate");
    expectRows(snap, [
      // 7d checkout: 200 − 50 + 100 = 250; low 100 − 100 + 40 = 40; high 300 + 0 + 160 = 460
      ...rows(M.revenue, "7d", { checkout: 250, billing: 30, payments: 280, org: 280 }, est),
      ...rows(M.revenue, "7d", { checkout: 40 }, bound("low")),
      ...rows(M.revenue, "7d", { checkout: 460 }, bound("high")),
      // 30d checkout adds e4 (c3 deployed 06-11): 260, low 45, high 475
      ...rows(M.revenue, "30d", { checkout: 260, payments: 290, org: 290 }, est),
      ...rows(M.revenue, "30d", { checkout: 45 }, bound("low")),
      ...rows(M.revenue, "90d", { checkout: 475 }, bound("high")),
    ]);
  });

  it("omits low and high wherever an experiment in scope and window lacks bounds (e5)", () => {
    const none = { billing: undefined, payments: undefined, org: undefined };
    expectRows(snap, [
      ...rows(M.revenue, "7d", none, bound("low")),
      ...rows(M.revenue, "7d", none, bound("high")),
      ...rows(M.revenue, "30d", none, bound("high")),
    ]);
  });

  it("divides the estimate by distinct changes with an experiment result", () => {
    expectRows(snap, [
      // 7d: checkout 250 / {c1, c2} = 125; billing 30 / 1; payments and org 280 / 3
      ...rows(M.revenuePerChange, "7d", { checkout: 125, billing: 30, payments: 280 / 3 }, USD),
      ...rows(M.revenuePerChange, "7d", { org: 280 / 3 }, USD),
      // 30d: checkout 260 / 3; payments and org 290 / 4 = 72.5
      ...rows(M.revenuePerChange, "30d", { checkout: 260 / 3, payments: 72.5, org: 72.5 }, USD),
    ]);
  });

  it("labels the configured currency; no series where no result applies", () => {
    const all = [...series(snap, M.revenue), ...series(snap, M.revenuePerChange)];
    expect(all.length).toBeGreaterThan(0);
    expect(all.every((s) => s.labels.currency === "USD")).toBe(true);
    expect(series(snap, M.revenue, { team: "platform" })).toEqual([]);
    const bare = snapshot({ ...RECORDS, experiments: [] }, { currency: "USD" });
    expect([...series(bare, M.revenue), ...series(bare, M.revenuePerChange)]).toEqual([]);
  });
});
