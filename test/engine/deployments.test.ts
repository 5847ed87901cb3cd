// Deployment frequency, dora_deployments_total, window edges, empty windows, scopes.
import { describe, expect, it } from "vitest";
import { deployment, expectRows, M, rows, SCOPES, series, snapshot } from "./helpers.ts";

const CHECKOUT_PROD = { ...SCOPES.checkout, environment: "prod" };

describe("deployment frequency and totals", () => {
  const snap = snapshot({
    deployments: [
      deployment({ id: "d1", at: "2026-06-25" }),
      deployment({ id: "d2", at: "2026-06-27T12:00Z" }),
      deployment({ id: "d3", at: "2026-06-29" }),
      deployment({ id: "s1", at: "2026-06-28", env: "staging" }), // not production
      deployment({ id: "f1", at: "2026-06-28", status: "failure" }), // never went live
      deployment({ id: "g1", at: "2026-06-10", service: "gateway" }), // 30d only
      deployment({ id: "g0", at: "2025-12-01", service: "gateway" }), // only in the total
    ],
  });

  it("divides production deployments in window by days (3 in 7d → 3/7)", () => {
    expectRows(snap, [
      ...rows(M.freq, "7d", { org: 3 / 7, payments: 3 / 7, checkout: 3 / 7 }),
      ...rows(M.freq, "7d", { platform: undefined, gateway: undefined, billing: undefined }),
      // 30d: checkout 3/30, gateway 1/30 (g1), org (3 + 1)/30
      ...rows(M.freq, "30d", { org: 4 / 30, payments: 3 / 30, checkout: 3 / 30 }),
      ...rows(M.freq, "30d", { platform: 1 / 30, gateway: 1 / 30, billing: undefined }),
      ...rows(M.freq, "90d", { org: 4 / 90, gateway: 1 / 90 }),
    ]);
  });

  it("counts successful deployments by asOf per kept environment, service scope only", () => {
    expectRows(snap, [
      [M.total, CHECKOUT_PROD, 3], // d1 d2 d3, not f1
      [M.total, { ...SCOPES.checkout, environment: "other" }, 1], // s1: staging is not exported
      [M.total, { ...SCOPES.gateway, environment: "prod" }, 2], // g0 (7 months ago) and g1
      [M.total, { environment: "prod" }, undefined],
      [M.total, { team: "payments", environment: "prod" }, undefined],
    ]);
    expect(series(snap, M.total)).toHaveLength(3);
  });
});

describe("production environments (default ^(prod|production)$, case-insensitive)", () => {
  it.each([
    ["prod", 1 / 7],
    ["production", 1 / 7],
    ["PROD", 1 / 7],
    ["Production", 1 / 7],
    ["staging", undefined],
    ["preprod", undefined],
    ["prod-eu", undefined],
  ])("environment %s → 7d frequency %s; total 1 under the recorded name or other", (env, freq) => {
    const snap = snapshot({ deployments: [deployment({ id: "d", at: "2026-06-29", env })] });
    expectRows(snap, [
      [M.freq, { window: "7d" }, freq],
      // Only production environments keep their recorded name by default (decision 141).
      [M.total, { ...SCOPES.checkout, environment: freq === undefined ? "other" : env }, 1],
    ]);
  });
});

describe("window edges: (asOf − w, asOf], nothing after asOf (Decision 1)", () => {
  it.each([
    // finishedAt, 7d, 30d, 90d, total
    ["2026-06-23T00:00:00.000Z", undefined, 1 / 30, 1 / 90, 1], // exactly asOf − 7d: out of 7d
    ["2026-06-23T00:00:00.001Z", 1 / 7, 1 / 30, 1 / 90, 1],
    ["2026-06-30T00:00:00.000Z", 1 / 7, 1 / 30, 1 / 90, 1], // exactly asOf: in
    ["2026-06-30T00:00:00.001Z", undefined, undefined, undefined, undefined], // after asOf
    ["2026-05-31T00:00:00.001Z", undefined, 1 / 30, 1 / 90, 1],
    ["2026-04-01T00:00:00.000Z", undefined, undefined, undefined, 1], // exactly asOf − 90d
  ])("deployment at %s", (at, f7, f30, f90, total) => {
    const snap = snapshot({ deployments: [deployment({ id: "d", at })] });
    expectRows(snap, [
      [M.freq, { window: "7d" }, f7],
      [M.freq, { window: "30d" }, f30],
      [M.freq, { window: "90d" }, f90],
      [M.total, CHECKOUT_PROD, total],
    ]);
    // an empty window exports no series at any scope, never 0
    if (f7 === undefined) expect(series(snap, M.freq, { window: "7d" })).toEqual([]);
    if (f90 === undefined) expect(series(snap, M.freq)).toEqual([]);
  });
});

describe("scopes and configured windows", () => {
  it("puts a service missing from the catalogue in team unassigned (Decision 3)", () => {
    const snap = snapshot(
      { deployments: [deployment({ id: "d", at: "2026-06-29", service: "mystery" })] },
      { catalogue: { accept_unknown_services: true } },
    );
    expectRows(snap, rows(M.freq, "7d", { org: 1 / 7, unassigned: 1 / 7, mystery: 1 / 7 }));
  });

  it("uses the configured windows and production pattern (Decision 2: 12h is 0.5 day)", () => {
    const snap = snapshot(
      { deployments: [deployment({ id: "d", at: "2026-06-29T18:00Z", env: "live" })] },
      { windows: ["12h", "2w"], production_environments: "^live$" },
    );
    // 12h: 1 ÷ 0.5 = 2 per day; 2w: 1 ÷ 14
    expectRows(snap, [
      [M.freq, { window: "12h" }, 2],
      [M.freq, { window: "2w" }, 1 / 14],
      [M.freq, { window: "7d" }, undefined],
    ]);
  });
});
