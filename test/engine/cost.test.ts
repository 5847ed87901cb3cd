// Cost, attribution, cost per deployment/change and control cost (contract §3–4, Decisions 17–18).
import { describe, expect, it } from "vitest";
import { change, cost, deployment, expectRows, M, rows, series, snapshot } from "./helpers.ts";

const EUR = { currency: "EUR" };
const cloud = { currency: "EUR", category: "cloud" };
const ci = { currency: "EUR", category: "ci" };
const COSTS = [
  // id, amount, category, period start, service (none: unattributed), control
  cost("r1", 100, "cloud", "2026-06-25", "checkout"),
  cost("r2", 20, "ci", "2026-06-26", "checkout"),
  cost("r3", 50, "cloud", "2026-06-10", "billing"),
  cost("r4", 30, "cloud", "2026-06-27", "gateway"),
  cost("r5", 40, "cloud", "2026-06-28"),
  cost("r6", 10, "ci", "2026-06-23"), // starts exactly at asOf − 7d: 30d only
  cost("r7", 1000, "cloud", "2026-07-01", "checkout"), // after asOf
  cost("r8", 5, "ci", "2026-06-27", "checkout", "sast"),
  cost("r9", 7, "ci", "2026-06-20", "gateway", "deployment_approval"),
  cost("r10", 200, "cloud", "2026-03-01", "checkout"), // before 90d
  cost("r11", 3, "ci", "2026-06-29", undefined, "sast"),
];
// 7d: r1 r2 r4 r5 r8 r11; 30d and 90d add r3 r6 r9.

describe("kpi_cost and attribution", () => {
  const snap = snapshot({ costs: COSTS });

  it("sums rows per category, scope and period-start window; unattributed only at org", () => {
    expectRows(snap, [
      // 7d cloud: org 100 + 30 + 40 = 170; ci: org 20 + 5 + 3 = 28, payments 20 + 5 = 25
      ...rows(
        M.cost,
        "7d",
        { org: 170, payments: 100, checkout: 100, platform: 30, gateway: 30 },
        cloud,
      ),
      ...rows(M.cost, "7d", { billing: undefined }, cloud),
      ...rows(M.cost, "7d", { org: 28, payments: 25, checkout: 25, platform: undefined }, ci),
      // 30d cloud: 170 + 50 = 220; ci: 28 + 10 + 7 = 45
      ...rows(
        M.cost,
        "30d",
        { org: 220, payments: 150, checkout: 100, billing: 50, gateway: 30 },
        cloud,
      ),
      ...rows(M.cost, "30d", { org: 45, payments: 25, billing: undefined, platform: 7 }, ci),
      ...rows(M.cost, "90d", { org: 220, checkout: 100 }, cloud),
    ]);
    const teams = new Set(series(snap, M.cost).map((s) => s.labels.team));
    expect([...teams].sort()).toEqual(["payments", "platform", undefined]);
    expect(series(snap, M.cost, { window: "7d" })).toHaveLength(8);
  });

  it("exports the attribution ratio at organisation scope only", () => {
    // 7d: attributed 100 + 20 + 30 + 5 = 155 of 198; 30d: 155 + 50 + 7 = 212 of 265 = 0.8
    expectRows(snap, [
      [M.attribution, { window: "7d" }, 155 / 198],
      [M.attribution, { window: "30d" }, 0.8],
      [M.attribution, { window: "90d" }, 0.8],
    ]);
    expect(series(snap, M.attribution)).toHaveLength(3);
  });

  it("exports control cost per control named by a row, enabled or not (Decision 18)", () => {
    const sast = { ...EUR, control: "sast" };
    const approval = { ...EUR, control: "deployment_approval" };
    expectRows(snap, [
      ...rows(M.controlCost, "7d", { org: 8, payments: 5, checkout: 5, platform: undefined }, sast),
      ...rows(M.controlCost, "7d", { org: undefined }, approval),
      ...rows(
        M.controlCost,
        "30d",
        { org: 7, platform: 7, gateway: 7, payments: undefined },
        approval,
      ),
    ]);
  });
});

describe("cost window edges: by period start in (asOf − w, asOf]", () => {
  it.each([
    ["2026-06-30T00:00:00.000Z", 5], // exactly asOf: in
    ["2026-06-30T00:00:00.001Z", undefined], // after asOf
    ["2026-06-23T00:00:00.001Z", 5],
    ["2026-06-23T00:00:00.000Z", undefined], // exactly asOf − 7d: out
  ])("a row starting at %s → 7d cost %s", (start, expected) => {
    const snap = snapshot({ costs: [cost("r", 5, "cloud", start, "checkout")] });
    expectRows(snap, rows(M.cost, "7d", { org: expected, checkout: expected }, cloud));
  });
});

describe("cost per deployment and per change", () => {
  const deployments = [
    deployment({ id: "k1", at: "2026-06-25T12:00Z" }), // ships c1, c1b
    deployment({ id: "k2", at: "2026-06-28" }), // ships c2
    deployment({ id: "g1", service: "gateway", at: "2026-06-15" }), // ships x
  ];
  const changes = [
    change({ id: "c1", mergedAt: "2026-06-25" }),
    change({ id: "c1b", mergedAt: "2026-06-25" }),
    change({ id: "c2", mergedAt: "2026-06-27" }),
    change({ id: "x", service: "gateway", mergedAt: "2026-06-14" }),
  ];

  it("divides cloud + ci cost by deployments and by changes in the window", () => {
    const snap = snapshot({ costs: COSTS, deployments, changes });
    expectRows(snap, [
      // 7d: org 198 / 2 deployments, / 3 changes; checkout 125 / 2, / 3; platform: no deployment
      ...rows(M.costPerDeploy, "7d", { org: 99, payments: 62.5, checkout: 62.5 }, EUR),
      ...rows(M.costPerDeploy, "7d", { platform: undefined, gateway: undefined }, EUR),
      ...rows(M.costPerChange, "7d", { org: 66, payments: 125 / 3, platform: undefined }, EUR),
      // 30d: org 265 / 3, / 4; payments 175 / 2, / 3; billing has cost only; platform 37 / 1
      ...rows(M.costPerDeploy, "30d", { org: 265 / 3, payments: 87.5, billing: undefined }, EUR),
      ...rows(M.costPerDeploy, "30d", { platform: 37, gateway: 37 }, EUR),
      ...rows(M.costPerChange, "30d", { org: 66.25, payments: 175 / 3, gateway: 37 }, EUR),
    ]);
  });

  it.each([
    ["cost rows but no deployments or changes", { costs: COSTS }],
    ["deployments and changes but no cost rows", { deployments, changes }],
  ])("has no series with %s (Decision 17)", (_name, input) => {
    const snap = snapshot(input);
    expect(series(snap, M.costPerDeploy)).toEqual([]);
    expect(series(snap, M.costPerChange)).toEqual([]);
  });
});
