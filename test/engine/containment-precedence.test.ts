// Contract §3: containment is a precedence per change (METRICS.md decision 134). A
// change some non-rollback production deployment lists ships with the earliest lister;
// merge order assigns only changes no deployment lists, and only to deployments without a
// list. Changes have no commits or createdAt, so lead = deployedAt − mergedAt.
import { describe, expect, it } from "vitest";
import type { RecordSet } from "../../src/domain/records.ts";
import { analyzeRecords } from "../../src/engine/snapshot.ts";
import {
  AS_OF,
  change,
  config,
  DAY,
  deployment,
  expectRows,
  HOUR,
  incident,
  M,
  ms,
  records,
  rows,
  snapshot,
} from "./helpers.ts";

const p50 = { quantile: "0.5" };
const C1 = change({ id: "c1", mergedAt: "2026-06-19" });
const C2 = change({ id: "c2", mergedAt: "2026-06-19T12:00Z" });

/** Deployment id → ids of the changes it shipped, and each deployment's containment. */
function shipping(r: Partial<RecordSet>) {
  const { analysis } = analyzeRecords(records(r), config(), ms(AS_OF));
  const shipped = Object.fromEntries(
    analysis.deployments.map((f) => [f.deployment.id, f.shipped.map((c) => c.id)]),
  );
  const rollbacks = [...analysis.timeline.rollbacks].sort();
  return { shipped, rollbacks };
}

describe("containment precedence per change (v1.1)", () => {
  it("a listed change ships with the earliest lister, though an unlisted one finished after its merge", () => {
    const r = {
      deployments: [
        deployment({ id: "U", at: "2026-06-20" }), // no list, after c1's merge
        deployment({ id: "L1", at: "2026-06-22", changes: ["c1"] }),
        deployment({ id: "L2", at: "2026-06-24", changes: ["c1", "c2"] }),
      ],
      changes: [C1, C2],
    };
    // c2 is listed by L2, so U ships neither though both merged before it finished.
    expect(shipping(r).shipped).toEqual({ U: [], L1: ["c1"], L2: ["c2"] });
    // Each alone: c1 06-22 − 06-19 = 3d; c2 06-24 − 06-19T12 = 4.5d. 30d = (05-31, 06-30].
    expectRows(snapshot({ ...r, changes: [C1] }), rows(M.lead, "30d", { checkout: 3 * DAY }, p50));
    expectRows(
      snapshot({ ...r, changes: [C2] }),
      rows(M.lead, "30d", { checkout: 4.5 * DAY }, p50),
    );
    expectRows(snapshot(r), rows(M.changes, "30d", { checkout: 2 }));
  });

  it("a deployment with an empty list ships nothing, and merge order passes over it", () => {
    const r = {
      deployments: [
        deployment({ id: "E", at: "2026-06-20", changes: [] }),
        deployment({ id: "U", at: "2026-06-22" }),
      ],
      changes: [C1],
    };
    expect(shipping(r).shipped).toEqual({ E: [], U: ["c1"] });
    expectRows(snapshot(r), rows(M.lead, "30d", { checkout: 3 * DAY }, p50)); // 06-22 − 06-19
  });

  it("unlisted changes go only to deployments without a list", () => {
    const r = {
      deployments: [
        deployment({ id: "L", at: "2026-06-20", changes: ["c1"] }), // after c2's merge too
        deployment({ id: "U", at: "2026-06-23" }),
      ],
      changes: [C1, C2],
    };
    expect(shipping(r).shipped).toEqual({ L: ["c1"], U: ["c2"] });
    expectRows(
      snapshot({ ...r, changes: [C2] }),
      rows(M.lead, "30d", { checkout: 3.5 * DAY }, p50),
    );
  });

  it("an unlisted change no deployment without a list follows stays undeployed", () => {
    const r = {
      deployments: [
        deployment({ id: "U", at: "2026-06-18" }), // before both merges
        deployment({ id: "L", at: "2026-06-20", changes: ["c1"] }),
      ],
      changes: [C1, C2],
    };
    expect(shipping(r).shipped).toEqual({ U: [], L: ["c1"] });
    expectRows(snapshot(r), rows(M.changes, "30d", { checkout: 1 }));
  });

  it("rollbacks ship nothing, and a rollback's list does not count as listing", () => {
    const [A, B] = ["a".repeat(40), "b".repeat(40)];
    const r = {
      deployments: [
        deployment({ id: "P", at: "2026-06-18", sha: A }),
        deployment({ id: "Q", at: "2026-06-18T12:00Z", sha: B }),
        // Marked, and by ancestry: both roll back and list c1, c2 in vain.
        deployment({ id: "R1", at: "2026-06-20", rollbackOf: "Q", changes: ["c1"] }),
        deployment({ id: "R2", at: "2026-06-21", ancestorOfPrevious: true, changes: ["c2"] }),
        deployment({ id: "U", at: "2026-06-22" }),
      ],
      changes: [C1, C2],
    };
    const { shipped, rollbacks } = shipping(r);
    expect(shipped).toEqual({ P: [], Q: [], R1: [], R2: [], U: ["c1", "c2"] });
    expect(rollbacks).toEqual(["R1", "R2"]);
    expectRows(snapshot({ ...r, changes: [C1] }), rows(M.lead, "30d", { checkout: 3 * DAY }, p50));
  });

  it("an incident naming a listed change fails its lister, not the earlier unlisted deployment", () => {
    const snap = snapshot({
      deployments: [
        deployment({ id: "U", at: "2026-06-25" }),
        deployment({ id: "L", at: "2026-06-26", changes: ["c1"] }),
      ],
      changes: [change({ id: "c1", mergedAt: "2026-06-24" })],
      incidents: [
        incident({
          id: "i1",
          startedAt: "2026-06-27",
          resolvedAt: "2026-06-27T06:00Z",
          changeId: "c1",
        }),
      ],
    });
    // L failed (1 of 2) and recovers 06-27T06 − 06-26 = 30h; had U shipped c1, U would fail.
    expectRows(snap, [
      ...rows(M.cfr, "7d", { checkout: 0.5 }),
      ...rows(M.recovery, "7d", { checkout: 30 * HOUR }, p50),
    ]);
  });
});
