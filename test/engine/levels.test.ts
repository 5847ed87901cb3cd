// DORA performance levels at their boundaries (contract §5, default thresholds).
import { describe, expect, it } from "vitest";
import { change, deployment, expectRows, incident, M, rows, series, snapshot } from "./helpers.ts";

const iso = (epochMs: number) => new Date(epochMs).toISOString();
const DEPLOY_AT = Date.parse("2026-06-29");
const level = (metric: string) => ({ metric });

describe("lead_time level: p50 ≤ 1d → 3, ≤ 7d → 2, ≤ 30d → 1, else 0", () => {
  it.each([
    [86_400, 3],
    [86_401, 2],
    [7 * 86_400, 2],
    [7 * 86_400 + 1, 1],
    [30 * 86_400, 1],
    [30 * 86_400 + 1, 0],
  ])("lead %d s → %d", (lead, expected) => {
    const snap = snapshot({
      deployments: [deployment({ id: "d1", at: iso(DEPLOY_AT) })],
      changes: [
        change({
          id: "c1",
          mergedAt: iso(DEPLOY_AT - 1000),
          createdAt: iso(DEPLOY_AT - lead * 1000),
        }),
      ],
    });
    const all = { org: expected, payments: expected, checkout: expected };
    expectRows(snap, rows(M.level, "7d", all, level("lead_time")));
  });
});

describe("deployment_frequency level: ≥ 1/day → 3, ≥ 1/7 → 2, ≥ 1/30 → 1, else 0", () => {
  it.each([
    // n deployments 18h apart, all in the last 7 days: 7d n/7, 30d n/30, 90d n/90
    [7, 3, 2, 1], // 1/day; 7/30 ≥ 1/7; 7/90 ≥ 1/30
    [6, 2, 2, 1], // 6/7 < 1
    [1, 2, 1, 0], // exactly 1/7 → 2; exactly 1/30 → 1; 1/90 → 0
  ])("%d deployments → 7d %d, 30d %d, 90d %d", (n, l7, l30, l90) => {
    const deployments = Array.from({ length: n }, (_, i) =>
      deployment({ id: `d${i}`, at: iso(DEPLOY_AT - i * 18 * 3_600_000) }),
    );
    const f = level("deployment_frequency");
    expectRows(snapshot({ deployments }), [
      ...rows(M.level, "7d", { org: l7, payments: l7, checkout: l7 }, f),
      ...rows(M.level, "30d", { org: l30, checkout: l30 }, f),
      ...rows(M.level, "90d", { org: l90, checkout: l90 }, f),
    ]);
  });
});

describe("configured thresholds (performance_levels)", () => {
  it.each([
    [7, 2], // 1 per day: ≥ high 1, < elite 2
    [4, 1], // 4/7 ≥ medium 0.5
    [3, 0], // 3/7 < 0.5
  ])("%d deployments in 7d with deployment_frequency {2, 1, 0.5} → %d", (n, expected) => {
    const deployments = Array.from({ length: n }, (_, i) =>
      deployment({ id: `d${i}`, at: iso(DEPLOY_AT - i * 18 * 3_600_000) }),
    );
    const performance_levels = { deployment_frequency: { elite: 2, high: 1, medium: 0.5 } };
    const snap = snapshot({ deployments }, { performance_levels });
    expectRows(snap, rows(M.level, "7d", { org: expected }, level("deployment_frequency")));
  });
});

describe("change_failure level: ≤ 0.05 → 3, ≤ 0.10 → 2, ≤ 0.15 → 1, else 0", () => {
  it.each([
    [0, 3],
    [1, 3], // 1/20 = 0.05
    [2, 2], // 0.10
    [3, 1], // 0.15
    [4, 0], // 0.20
  ])("%d failed of 20 → %d", (failed, expected) => {
    // 20 deployments 6h apart from 06-25T00:00 (all in 7d), failures by explicit reference
    const start = Date.parse("2026-06-25");
    const deployments = Array.from({ length: 20 }, (_, i) =>
      deployment({ id: `d${i}`, at: iso(start + i * 6 * 3_600_000) }),
    );
    const incidents = Array.from({ length: failed }, (_, i) =>
      incident({ id: `i${i}`, deploymentId: `d${i}`, startedAt: "2026-06-29T23:00Z" }),
    );
    expectRows(snapshot({ deployments, incidents }), [
      ...rows(M.cfr, "7d", { org: failed / 20 }),
      ...rows(M.level, "7d", { org: expected, checkout: expected }, level("change_failure")),
    ]);
  });
});

describe("recovery_time level: p50 ≤ 1h → 3, ≤ 1d → 2, ≤ 7d → 1, else 0", () => {
  it.each([
    [3_600, 3],
    [3_601, 2],
    [86_400, 2],
    [86_401, 1],
    [7 * 86_400, 1],
    [7 * 86_400 + 1, 0],
  ])("recovery %d s → %d", (seconds, expected) => {
    const finished = Date.parse("2026-06-21"); // recovered by 06-28T00:00:01 at the latest
    const snap = snapshot({
      deployments: [deployment({ id: "d1", at: iso(finished) })],
      incidents: [
        incident({
          id: "i1",
          deploymentId: "d1",
          startedAt: iso(finished + 1000),
          resolvedAt: iso(finished + seconds * 1000),
        }),
      ],
    });
    const all = { org: expected, payments: expected, checkout: expected };
    expectRows(snap, [
      ...rows(M.recovery, "30d", { org: seconds }, { quantile: "0.5" }),
      ...rows(M.level, "30d", all, level("recovery_time")),
    ]);
  });
});

describe("levels exist only where the graded KPI has a series", () => {
  it("no changes and no recovered failure: only frequency and failure are graded", () => {
    const snap = snapshot({
      deployments: [deployment({ id: "d1", at: "2026-06-20" })], // 30d, not 7d
      incidents: [incident({ id: "i1", deploymentId: "d1", startedAt: "2026-06-20T01:00Z" })],
    });
    const graded = (window: string) =>
      series(snap, M.level, { window })
        .filter((s) => s.labels.team === undefined)
        .map((s) => s.labels.metric)
        .sort();
    expect(graded("7d")).toEqual([]);
    expect(graded("30d")).toEqual(["change_failure", "deployment_frequency"]);
    expectRows(snap, [
      ...rows(M.level, "30d", { org: 1 }, level("deployment_frequency")), // 1/30 per day
      ...rows(M.level, "30d", { org: 0 }, level("change_failure")), // ratio 1
    ]);
  });
});
