// Blind tests of the contract §3 rollback clarification: where the source knows git
// ancestry, the next production deployment rolls the previous one back when its commit is a
// strict ancestor of the previous commit, even a commit never deployed before. The record
// field is Deployment.ancestorOfPrevious; the harness builder does not know it, so it is
// spread in. 7d = (06-23, 06-30].
import { describe, it } from "vitest";
import {
  change,
  type DeploymentSpec,
  deployment,
  expectRows,
  HOUR,
  M,
  rows,
  snapshot,
} from "./helpers.ts";

const NE = "kpi_compliance_control_not_evaluable_ratio";
const backInHistory = (d: DeploymentSpec) => ({ ...deployment(d), ancestorOfPrevious: true });
const p50 = { quantile: "0.5" };
const p90 = { quantile: "0.9" };

// A (06-24) ships c1; D (06-26) ships c2; N (06-26T06, a commit never deployed, no list)
// follows D; c3 (merged 06-26T03, unlisted) ships by merge order; E (06-28) has no list.
const CHANGES = [
  change({ id: "c1", mergedAt: "2026-06-23T12:00Z" }),
  change({ id: "c2", mergedAt: "2026-06-25" }),
  change({ id: "c3", mergedAt: "2026-06-26T03:00Z" }),
];
const A = deployment({ id: "A", at: "2026-06-24", changes: ["c1"] });
const D = deployment({ id: "D", at: "2026-06-26", changes: ["c2"] });
const E = deployment({ id: "E", at: "2026-06-28" });
const N = { id: "N", at: "2026-06-26T06:00Z" };

describe("§3 v1.1 rollback to an ancestor commit", () => {
  it("N on an ancestor of D's commit rolls D back", () => {
    const snap = snapshot({ deployments: [A, D, backInHistory(N), E], changes: CHANGES });
    expectRows(snap, [
      ...rows(M.cfr, "7d", { org: 1 / 4, checkout: 1 / 4 }), // D of A D N E
      ...rows(M.rework, "7d", { org: 1 / 4, checkout: 1 / 4 }), // N, a rollback
      // no incident: recovery = N − D = 6 h
      ...rows(M.recovery, "7d", { org: 6 * HOUR, checkout: 6 * HOUR }, p50),
      // N ships nothing: c3 skips it and ships with E, 06-28 − 06-26T03 = 45 h
      ...rows(M.changes, "7d", { org: 3, checkout: 3 }),
      // leads [12 h (c1 by A), 24 h (c2 by D), 45 h]: p50 h=1 → 24 h; p90 h=1.8 → 24 + 0.8·21 = 40.8 h
      ...rows(M.lead, "7d", { org: 24 * HOUR, checkout: 24 * HOUR }, p50),
      ...rows(M.lead, "7d", { org: 40.8 * HOUR, checkout: 40.8 * HOUR }, p90),
    ]);
  });

  it("without the ancestry flag N is an ordinary deployment of a new commit", () => {
    const snap = snapshot({ deployments: [A, D, deployment(N), E], changes: CHANGES });
    expectRows(snap, [
      ...rows(M.cfr, "7d", { org: 0, checkout: 0 }),
      ...rows(M.rework, "7d", { org: 0, checkout: 0 }),
      ...rows(M.recovery, "7d", { org: undefined, checkout: undefined }, p50),
      ...rows(M.changes, "7d", { org: 3, checkout: 3 }),
      // c3 ships with N: 06-26T06 − 06-26T03 = 3 h; leads [3, 12, 24] h: p90 h=1.8 → 12 + 0.8·12
      ...rows(M.lead, "7d", { org: 21.6 * HOUR, checkout: 21.6 * HOUR }, p90),
    ]);
  });

  it("a rollback to an ancestor passes change_approval and linked_ticket though its set is unknown", () => {
    // N follows D with no list and no change left for merge order; as a rollback it passes
    // both, where an ordinary new commit would be not evaluable (§8.1).
    const good = { author: "alice", approvals: [["bob", "2026-06-01"]] as [string, string][] };
    const changes = [
      change({ id: "c1", mergedAt: "2026-06-23T12:00Z", ...good, linked: ["PAY-1"] }),
      change({ id: "c2", mergedAt: "2026-06-25", ...good, linked: ["PAY-2"] }),
    ];
    const controls = { change_approval: 1, linked_ticket: "^[A-Z]+-[0-9]+$" };
    const run = (n: ReturnType<typeof deployment>) =>
      snapshot({ deployments: [A, D, n], changes }, { compliance: { controls } });
    const ca = { control: "change_approval" };
    // rollback: A D N all pass → 1; ratios 3/3, not evaluable 0/3
    expectRows(run(backInHistory(N)), [
      ...rows(M.coverage, "7d", { org: 1, checkout: 1 }),
      ...rows(M.controlPass, "7d", { org: 1, checkout: 1 }, ca),
      ...rows(NE, "7d", { org: 0, checkout: 0 }, ca),
    ]);
    // ordinary: N not evaluable → coverage 2/3, pass 2/3, not evaluable 1/3
    expectRows(run(deployment(N)), [
      ...rows(M.coverage, "7d", { org: 2 / 3, checkout: 2 / 3 }),
      ...rows(M.controlPass, "7d", { org: 2 / 3, checkout: 2 / 3 }, ca),
      ...rows(NE, "7d", { org: 1 / 3, checkout: 1 / 3 }, ca),
    ]);
  });
});
