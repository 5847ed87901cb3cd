// Blind tests of the contract §3 containment clarification: precedence is per change
// and explicit evidence is never overridden by merge order. Changes have no commits and no
// createdAt, so firstCommitAt = mergedAt and lead time = deployedAt − mergedAt tells which
// deployment shipped each one. 7d = (06-23, 06-30], 30d = (05-31, 06-30].
import { describe, it } from "vitest";
import { change, DAY, deployment, expectRows, M, rows, snapshot } from "./helpers.ts";

const p50 = { quantile: "0.5" };
const p90 = { quantile: "0.9" };

describe("§3 v1.1: which deployment ships a change", () => {
  it("a listed change ships with its earliest lister, not an earlier unlisted deployment", () => {
    // c1 (merged 06-19) is listed by B (06-25) and C (06-27): ships with B, lead 6 d, in 7d.
    // c2 (merged 06-19T12, unlisted) ships by merge order with A (06-20): lead 12 h, 30d only.
    // A, finished after c1's merge, does not take it because it is listed elsewhere.
    const snap = snapshot({
      deployments: [
        deployment({ id: "A", at: "2026-06-20" }),
        deployment({ id: "B", at: "2026-06-25", changes: ["c1"] }),
        deployment({ id: "C", at: "2026-06-27", changes: ["c1"] }),
      ],
      changes: [
        change({ id: "c1", mergedAt: "2026-06-19" }),
        change({ id: "c2", mergedAt: "2026-06-19T12:00Z" }),
      ],
    });
    expectRows(snap, [
      ...rows(M.changes, "7d", { org: 1, payments: 1, checkout: 1 }), // c1 only
      ...rows(M.changes, "30d", { org: 2, payments: 2, checkout: 2 }),
      ...rows(M.lead, "7d", { org: 6 * DAY, checkout: 6 * DAY }, p50),
      // 30d samples [0.5 d, 6 d]: p50 h = 0.5 → 0.5 + 0.5·5.5 = 3.25 d; p90 h = 0.9 → 0.5 + 0.9·5.5 = 5.45 d
      ...rows(M.lead, "30d", { org: 3.25 * DAY, checkout: 3.25 * DAY }, p50),
      ...rows(M.lead, "30d", { org: 5.45 * DAY, checkout: 5.45 * DAY }, p90),
    ]);
  });

  it("a deployment with an empty list ships nothing; merge order skips it", () => {
    // c3 merged 06-24; D (06-25, list []) ships nothing; E (06-27, no list) ships c3: lead 3 d
    const snap = snapshot({
      deployments: [
        deployment({ id: "D", at: "2026-06-25", changes: [] }),
        deployment({ id: "E", at: "2026-06-27" }),
      ],
      changes: [change({ id: "c3", mergedAt: "2026-06-24" })],
    });
    expectRows(snap, [
      ...rows(M.changes, "7d", { org: 1, checkout: 1 }),
      ...rows(M.lead, "7d", { org: 3 * DAY, checkout: 3 * DAY }, p50),
    ]);
  });

  it("an empty list alone leaves a merged change undeployed", () => {
    const snap = snapshot({
      deployments: [deployment({ id: "D", at: "2026-06-25", changes: [] })],
      changes: [change({ id: "c3", mergedAt: "2026-06-24" })],
    });
    expectRows(snap, [
      ...rows(M.changes, "7d", { org: undefined, checkout: undefined }),
      ...rows(M.changes, "90d", { org: undefined, checkout: undefined }),
      ...rows(M.lead, "90d", { org: undefined, checkout: undefined }, p50),
    ]);
  });

  it("merge order gives only unlisted changes, and only to unlisted deployments", () => {
    // c4 (06-24, unlisted): F (06-25) has a list → skipped; G (06-28) ships it: lead 4 d.
    // c5 (06-24T12, listed by F): lead 12 h. Samples [0.5 d, 4 d]: p50 = 0.5 + 0.5·3.5 = 2.25 d
    const snap = snapshot({
      deployments: [
        deployment({ id: "F", at: "2026-06-25", changes: ["c5"] }),
        deployment({ id: "G", at: "2026-06-28" }),
      ],
      changes: [
        change({ id: "c4", mergedAt: "2026-06-24" }),
        change({ id: "c5", mergedAt: "2026-06-24T12:00Z" }),
      ],
    });
    expectRows(snap, [
      ...rows(M.changes, "7d", { org: 2, checkout: 2 }),
      ...rows(M.lead, "7d", { org: 2.25 * DAY, checkout: 2.25 * DAY }, p50),
      // p90: h = 0.9 → 0.5 + 0.9·3.5 = 3.65 d
      ...rows(M.lead, "7d", { org: 3.65 * DAY, checkout: 3.65 * DAY }, p90),
    ]);
  });

  it("a rollback ships nothing, neither its list nor by merge order", () => {
    // X (06-22, list []); R1 (06-24T06, rollbackOf X, no list); R2 (06-25, rollbackOf R1, lists c7).
    // c6 (06-24, unlisted) skips R1 and R2 and ships with H (06-27, no list): lead 3 d;
    // c7 (06-24T18) ships with J (06-28, lists c7), the first non-rollback lister: lead 3.25 d.
    const snap = snapshot({
      deployments: [
        deployment({ id: "X", at: "2026-06-22", changes: [] }),
        deployment({ id: "R1", at: "2026-06-24T06:00Z", rollbackOf: "X" }),
        deployment({ id: "R2", at: "2026-06-25", rollbackOf: "R1", changes: ["c7"] }),
        deployment({ id: "H", at: "2026-06-27" }),
        deployment({ id: "J", at: "2026-06-28", changes: ["c7"] }),
      ],
      changes: [
        change({ id: "c6", mergedAt: "2026-06-24" }),
        change({ id: "c7", mergedAt: "2026-06-24T18:00Z" }),
      ],
    });
    // samples [3 d, 3.25 d]: p50 = 3.125 d; p90 = 3 + 0.9·0.25 = 3.225 d
    expectRows(snap, [
      ...rows(M.changes, "7d", { org: 2, checkout: 2 }),
      ...rows(M.lead, "7d", { org: 3.125 * DAY, checkout: 3.125 * DAY }, p50),
      ...rows(M.lead, "7d", { org: 3.225 * DAY, checkout: 3.225 * DAY }, p90),
    ]);
  });
  it("another service's list does not ship a change: its own service's earliest lister does", () => {
    // c8 (checkout, 06-23T12) is listed by billing's B1 (06-24) and checkout's K (06-27);
    // checkout's A (06-25, no list) does not take it. Lead = 06-27 − 06-23T12 = 3.5 d
    const snap = snapshot({
      deployments: [
        deployment({ id: "B1", service: "billing", at: "2026-06-24", changes: ["c8"] }),
        deployment({ id: "A", at: "2026-06-25" }),
        deployment({ id: "K", at: "2026-06-27", changes: ["c8"] }),
      ],
      changes: [change({ id: "c8", mergedAt: "2026-06-23T12:00Z" })],
    });
    expectRows(snap, [
      ...rows(M.changes, "7d", { org: 1, checkout: 1, billing: undefined }),
      ...rows(M.lead, "7d", { org: 3.5 * DAY, checkout: 3.5 * DAY, billing: undefined }, p50),
    ]);
  });
});
