// Incident counts for the SRE: started in each window, open at asOf (METRICS.md decision 118).
import { expect, it } from "vitest";
import { expectRows, incident, SCOPES, series, snapshot } from "./helpers.ts";

// asOf 06-30; 7d = (06-23, 06-30], 30d = (05-31, 06-30]
const INCIDENTS = [
  incident({ id: "i1", startedAt: "2026-06-29", resolvedAt: "2026-06-29T02:00Z" }), // 7d, resolved
  incident({ id: "i2", startedAt: "2026-06-28" }), // 7d, still open
  incident({ id: "i3", startedAt: "2026-06-10", resolvedAt: "2026-07-01" }), // 30d, open at asOf
  incident({ id: "i4", startedAt: "2026-06-23" }), // exactly 7d before: 30d only, open
  incident({ id: "g1", service: "gateway", startedAt: "2026-06-30" }), // at asOf: 7d, open
  incident({ id: "g2", service: "gateway", startedAt: "2026-06-30T00:00:01Z" }), // after asOf
  incident({ id: "b1", service: "billing", startedAt: "2026-05-01", resolvedAt: "2026-05-02" }), // 90d
];

it("counts incidents that started in each window, at every scope, 0 for quiet services", () => {
  const snap = snapshot({ incidents: INCIDENTS });
  const w7 = { window: "7d" };
  const w30 = { window: "30d" };
  expectRows(snap, [
    ["kpi_incidents", { ...w7, ...SCOPES.org }, 3],
    ["kpi_incidents", { ...w7, ...SCOPES.payments }, 2],
    ["kpi_incidents", { ...w7, ...SCOPES.checkout }, 2],
    ["kpi_incidents", { ...w7, ...SCOPES.billing }, 0],
    ["kpi_incidents", { ...w7, ...SCOPES.gateway }, 1],
    ["kpi_incidents", { ...w30, ...SCOPES.org }, 5],
    ["kpi_incidents", { ...w30, ...SCOPES.checkout }, 4],
    ["kpi_incidents", { window: "90d", ...SCOPES.billing }, 1],
  ]);
});

it("counts incidents open at asOf, without a window", () => {
  const snap = snapshot({ incidents: INCIDENTS });
  expectRows(snap, [
    ["kpi_incidents_open", { ...SCOPES.org }, 4],
    ["kpi_incidents_open", { ...SCOPES.checkout }, 3],
    ["kpi_incidents_open", { ...SCOPES.billing }, 0],
    ["kpi_incidents_open", { ...SCOPES.gateway }, 1],
    ["kpi_incidents_open", { ...SCOPES.platform }, 1],
  ]);
  expect(series(snap, "kpi_incidents_open").every((s) => s.labels.window === undefined)).toBe(true);
});

it("has every catalogue service at 0 without any incident", () => {
  const snap = snapshot({});
  expect(series(snap, "kpi_incidents", { window: "30d" }).map((s) => s.value)).toEqual([
    0, 0, 0, 0, 0, 0,
  ]);
});
