// Change lead time: firstCommitAt fallbacks (Decision 8) and PERCENTILE.INC quantiles.
import { describe, expect, it } from "vitest";
import { change, DAY, deployment, expectRows, HOUR, M, rows, series, snapshot } from "./helpers.ts";

const DEPLOY = deployment({ id: "d1", at: "2026-06-29" }); // merge order: ships all below
const p50 = { quantile: "0.5" };
const p90 = { quantile: "0.9" };

describe("firstCommitAt: earliest commit, else createdAt, else mergedAt", () => {
  it.each([
    // earliest of two commits (06:00) wins over createdAt: 06-29T00 − 06-28T06 = 18h
    [{ commits: ["2026-06-28T10:00Z", "2026-06-28T06:00Z"], createdAt: "2026-06-27" }, 18 * HOUR],
    [{ createdAt: "2026-06-28" }, 24 * HOUR], // no commits: createdAt
    [{}, 6 * HOUR], // neither: mergedAt 06-28T18:00
    [{ commits: ["2026-06-29T02:00Z"] }, 0], // authored after the deployment: −2h counts as 0
  ])("%j → %d s", (extra, lead) => {
    const c = change({ id: "c1", mergedAt: "2026-06-28T18:00Z", ...extra });
    const snap = snapshot({ deployments: [DEPLOY], changes: [c] });
    expectRows(snap, [
      ...rows(M.lead, "7d", { org: lead, payments: lead, checkout: lead, billing: undefined }, p50),
      ...rows(M.lead, "7d", { org: lead, checkout: lead }, p90),
      ...rows(M.changes, "7d", { org: 1, payments: 1, checkout: 1, billing: undefined }),
    ]);
  });
});

/** Changes shipped by a deployment at `at` with the given lead times in hours (via createdAt). */
const withLeads = (hours: number[], service = "checkout", at = "2026-06-29") =>
  hours.map((h, i) =>
    change({
      id: `${service}-${i}`,
      service,
      mergedAt: new Date(Date.parse(at) - 60_000).toISOString(),
      createdAt: new Date(Date.parse(at) - h * 3_600_000).toISOString(),
    }),
  );

describe("lead time quantiles (linear interpolation between closest ranks)", () => {
  it.each([
    [[5], 5 * HOUR, 5 * HOUR], // n = 1: both quantiles are the sample
    [[20, 10], 15 * HOUR, 19 * HOUR], // METRICS.md: 10 and 20 give p50 15, p90 19
    // n = 3 [1,2,10]h: p50 h=1 → 2h; p90 h=1.8 → 2h + 0.8·8h = 8.4h = 30240 s
    [[10, 1, 2], 2 * HOUR, 30_240],
    // n = 4 [1,2,4,10]h: p50 h=1.5 → 2h + 0.5·2h = 3h; p90 h=2.7 → 4h + 0.7·6h = 8.2h = 29520 s
    [[4, 10, 1, 2], 3 * HOUR, 29_520],
  ])("leads %j h → p50 %d s, p90 %d s", (hours, q50, q90) => {
    const snap = snapshot({ deployments: [DEPLOY], changes: withLeads(hours) });
    expectRows(snap, [
      ...rows(M.lead, "7d", { checkout: q50 }, p50),
      ...rows(M.lead, "7d", { checkout: q90 }, p90),
      ...rows(M.changes, "7d", { checkout: hours.length }),
    ]);
  });

  it("pools samples per scope instead of combining lower-scope quantiles", () => {
    const snap = snapshot({
      deployments: [DEPLOY, deployment({ id: "b1", service: "billing", at: "2026-06-29" })],
      changes: [...withLeads([1, 2, 4, 10]), ...withLeads([20], "billing")],
    });
    // payments and org pool [1,2,4,10,20]h: p50 h=2 → 4h = 14400 s;
    // p90 h=3.6 → 10h + 0.6·10h = 16h = 57600 s; checkout as above; billing 20h = 72000 s
    expectRows(snap, [
      ...rows(
        M.lead,
        "7d",
        { org: 14_400, payments: 14_400, checkout: 10_800, billing: 72_000 },
        p50,
      ),
      ...rows(
        M.lead,
        "7d",
        { org: 57_600, payments: 57_600, checkout: 29_520, billing: 72_000 },
        p90,
      ),
      ...rows(M.changes, "7d", { org: 5, payments: 5, checkout: 4, billing: 1 }),
    ]);
  });
});

describe("lead time windows", () => {
  it("assigns a change to windows by deployedAt; nothing after asOf ships", () => {
    const snap = snapshot({
      deployments: [
        deployment({ id: "old", at: "2026-06-20" }), // 30d, not 7d
        deployment({ id: "late", at: "2026-06-30T00:00:01Z" }), // after asOf
      ],
      changes: [
        change({ id: "c1", mergedAt: "2026-06-19" }), // by old: 1d
        change({ id: "c2", mergedAt: "2026-06-29" }), // only a deployment after asOf follows
      ],
    });
    expectRows(snap, [
      ...rows(M.lead, "30d", { org: DAY, checkout: DAY }, p50),
      ...rows(M.changes, "30d", { org: 1, checkout: 1 }),
      ...rows(M.changes, "90d", { org: 1, checkout: 1 }),
    ]);
    expect(series(snap, M.lead, { window: "7d" })).toEqual([]);
    expect(series(snap, M.changes, { window: "7d" })).toEqual([]);
  });
});
