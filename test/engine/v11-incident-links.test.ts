// Blind tests of the contract §3 rework clarification: an incident naming a change (its
// cause) fails the deployment that shipped it without making it rework; a change naming an
// incident among its linked work items (it fixes the incident) makes its deployment rework.
import { describe, it } from "vitest";
import {
  change,
  DAY,
  deployment,
  expectRows,
  HOUR,
  incident,
  M,
  rows,
  snapshot,
} from "./helpers.ts";

const ALL = { org: 0, payments: 0, checkout: 0 };
const at = (v: number) => Object.fromEntries(Object.keys(ALL).map((k) => [k, v]));

// d1 (06-25) ships c1; d2 (06-27) ships c2; d3 (06-28) ships nothing; all in 7d (06-23, 06-30].
const DEPLOYMENTS = [
  deployment({ id: "d1", at: "2026-06-25", changes: ["c1"] }),
  deployment({ id: "d2", at: "2026-06-27", changes: ["c2"] }),
  deployment({ id: "d3", at: "2026-06-28", changes: [] }),
];
// INC-1 names c1 as its cause; started 06-25T06, resolved 06-25T18.
const INC1 = incident({
  id: "INC-1",
  changeId: "c1",
  startedAt: "2026-06-25T06:00Z",
  resolvedAt: "2026-06-25T18:00Z",
});

describe("§3 v1.1: incident → change vs change → incident", () => {
  it("the cause fails d1 (not rework); the fix makes d2 rework (not failed)", () => {
    const snap = snapshot({
      deployments: DEPLOYMENTS,
      changes: [
        change({ id: "c1", mergedAt: "2026-06-24" }),
        change({ id: "c2", mergedAt: "2026-06-26", linked: ["INC-1"] }),
      ],
      incidents: [INC1],
    });
    expectRows(snap, [
      ...rows(M.cfr, "7d", at(1 / 3)), // d1 of d1 d2 d3
      ...rows(M.rework, "7d", at(1 / 3)), // d2 of d1 d2 d3
      ...rows(M.cfr, "30d", at(1 / 3)),
      ...rows(M.rework, "30d", at(1 / 3)),
      // d1 recovers at INC-1's resolution: 06-25T18 − 06-25T00 = 18 h
      ...rows(M.recovery, "7d", at(18 * HOUR), { quantile: "0.5" }),
    ]);
  });

  it("an incident naming a change alone: failed 1/3, rework 0", () => {
    const snap = snapshot({
      deployments: DEPLOYMENTS,
      changes: [
        change({ id: "c1", mergedAt: "2026-06-24" }),
        change({ id: "c2", mergedAt: "2026-06-26" }),
      ],
      incidents: [INC1],
    });
    expectRows(snap, [...rows(M.cfr, "7d", at(1 / 3)), ...rows(M.rework, "7d", at(0))]);
  });

  it("a change fixing an incident that names no deployment: rework, and nothing else fails", () => {
    // INC-2 on gateway (no deployments there) started 06-01: it cannot fail a checkout deployment
    const snap = snapshot({
      deployments: DEPLOYMENTS,
      changes: [
        change({ id: "c1", mergedAt: "2026-06-24" }),
        change({ id: "c2", mergedAt: "2026-06-26", linked: ["INC-2", "PAY-4"] }),
      ],
      incidents: [incident({ id: "INC-2", service: "gateway", startedAt: "2026-06-01" })],
    });
    expectRows(snap, [...rows(M.cfr, "7d", at(0)), ...rows(M.rework, "7d", at(1 / 3))]);
  });

  it("two fixes of one incident are both rework; only the cause's deployment is failed", () => {
    // d1 ships the cause c1; fixes c2 (d2) and c3 (d3) both link INC-1
    const snap = snapshot({
      deployments: [
        ...DEPLOYMENTS.slice(0, 2),
        deployment({ id: "d3", at: "2026-06-28", changes: ["c3"] }),
      ],
      changes: [
        change({ id: "c1", mergedAt: "2026-06-24" }),
        change({ id: "c2", mergedAt: "2026-06-26", linked: ["INC-1"] }),
        change({ id: "c3", mergedAt: "2026-06-27", linked: ["INC-1"] }),
      ],
      incidents: [INC1],
    });
    // failed d1 → 1/3; rework d2 d3 → 2/3; 90d same (nothing earlier)
    expectRows(snap, [
      ...rows(M.cfr, "90d", at(1 / 3)),
      ...rows(M.rework, "90d", at(2 / 3)),
      ...rows(M.recovery, "90d", at(0.75 * DAY), { quantile: "0.9" }), // single sample 18 h
    ]);
  });
  it("an incident naming a listed change fails its earliest lister, not an earlier unlisted deployment", () => {
    // c1 (merged 06-19) is listed by B (06-25) and C (06-27); A (06-20) has no list.
    // INC-3 names c1 → fails B: 7d (B C) 1/2, 30d (A B C) 1/3; recovery 06-28T12 − 06-25 = 3.5 d
    const snap = snapshot({
      deployments: [
        deployment({ id: "A", at: "2026-06-20" }),
        deployment({ id: "B", at: "2026-06-25", changes: ["c1"] }),
        deployment({ id: "C", at: "2026-06-27", changes: ["c1"] }),
      ],
      changes: [change({ id: "c1", mergedAt: "2026-06-19" })],
      incidents: [
        incident({
          id: "INC-3",
          changeId: "c1",
          startedAt: "2026-06-28",
          resolvedAt: "2026-06-28T12:00Z",
        }),
      ],
    });
    expectRows(snap, [
      ...rows(M.cfr, "7d", at(1 / 2)),
      ...rows(M.cfr, "30d", at(1 / 3)),
      ...rows(M.recovery, "7d", at(3.5 * DAY), { quantile: "0.5" }),
    ]);
  });
});
