// explain deployment on the hand-built scenario, d3 to d6: rollbacks, recovery by
// rollback, reverts and references on another service, worked out by hand.
import { describe, expect, it } from "vitest";
import { explain } from "./scenario.ts";

describe("explain deployment: d3 to d6", () => {
  it("d3 and d5: rollbacks by the commit rule and by rollbackOf, shipping nothing", () => {
    const d3 = explain("d3");
    expect(d3.rollbackOf).toEqual({ deploymentId: "d2", rule: "rollback_sha" });
    expect(d3.failure).toEqual({ failed: false, incidents: [] });
    expect(d3.rework?.reasons).toEqual([{ rule: "rollback" }]);
    expect(d3.changes).toEqual({
      containment: "rollback",
      changeSet: "rollback",
      shipped: [],
      notShipped: [],
    });
    expect(d3.compliance?.compliant).toBe(true);
    const d5 = explain("d5");
    expect(d5.rollbackOf).toEqual({ deploymentId: "d4", rule: "rollback_mark" });
    expect(d5.failure?.incidents.map((i) => [i.id, i.rule, i.reference])).toEqual([
      ["i3", "deployment_id", "d5"],
    ]);
    expect(d5.failure?.recovery).toEqual({
      recovered: true,
      at: "2026-06-29T01:00:00.000Z",
      seconds: 54_000,
      basis: "incident",
      by: "i3",
    });
  });

  it("d4: failed by rollback only, recovered when d5 finished; a revert; approvals that do not count", () => {
    const e = explain("d4");
    expect(e.failure).toEqual({
      failed: true,
      incidents: [],
      rolledBackBy: {
        deploymentId: "d5",
        rule: "rollback_mark",
        finishedAt: "2026-06-28T10:00:00.000Z",
      },
      recovery: {
        recovered: true,
        at: "2026-06-28T10:00:00.000Z",
        seconds: 86_400,
        basis: "rollback",
        by: "d5",
      },
    });
    expect(e.rework?.reasons).toEqual([{ rule: "revert", changeId: "c3", reverts: "c2" }]);
    // no commits: first commit is createdAt 06-26 00:00, 34h before d4
    expect(e.changes?.shipped.map((c) => [c.id, c.firstCommitAt, c.leadTimeSeconds])).toEqual([
      ["c3", "2026-06-26T00:00:00.000Z", 122_400],
    ]);
    const counted = Object.fromEntries(
      e.compliance?.controls.map((c) => [c.control, c.counted]) ?? [],
    );
    expect(counted.required_checks).toEqual([
      { subject: "sast", items: [], pass: false, verdict: "fail" },
    ]);
    // Ann approved her own change (case-insensitively the author): nobody counts
    expect(counted.change_approval).toEqual([
      { subject: "c3 (author ann)", items: [], pass: false, verdict: "fail" },
    ]);
    expect(counted.deployment_approval).toEqual([
      { subject: "d4", items: [], pass: false, verdict: "fail" },
    ]);
  });

  it("d6: a changeId reference on billing; an incident fix; another service's check", () => {
    const e = explain("d6");
    expect(e.deployment.team).toBe("payments");
    expect(e.failure?.incidents.map((i) => [i.id, i.rule, i.reference])).toEqual([
      ["i4", "change_id", "c9"],
    ]);
    expect(e.failure?.recovery).toMatchObject({ seconds: 25_200, by: "i4" });
    expect(e.rework?.reasons).toEqual([{ rule: "incident_fix", changeId: "c9", incidentId: "i1" }]);
    expect(e.compliance?.controls[0]?.reason).toBe(
      "sast: no result before the deployment finished",
    );
  });
});
