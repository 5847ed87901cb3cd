// explain deployment on the hand-built scenario, d1 and d2: every section against values
// worked out by hand from scenario.ts (instants in UTC, durations in seconds).
import { describe, expect, it } from "vitest";
import { explain } from "./scenario.ts";

describe("explain deployment: d1 and d2", () => {
  it("d1: failed through the commit rule, recovered after 44h, ships c1 by its list", () => {
    const e = explain("d1");
    expect(e.production).toEqual({
      counted: true,
      reasons: [
        "status success: it went live",
        'environment "prod" matches production_environments /^(prod|production)$/i',
        "finished at or before asOf",
      ],
    });
    expect(e.windows).toEqual([
      { window: "7d", deployment: false, recovery: false },
      { window: "30d", deployment: true, recovery: true },
      { window: "90d", deployment: true, recovery: true },
    ]);
    expect(e.failure).toEqual({
      failed: true,
      incidents: [
        {
          id: "i1",
          rule: "commit_sha",
          reference: "AAAAAAA",
          startedAt: "2026-06-12T00:00:00.000Z",
          resolvedAt: "2026-06-12T06:00:00.000Z",
        },
      ],
      recovery: {
        recovered: true,
        at: "2026-06-12T06:00:00.000Z",
        seconds: 158_400,
        basis: "incident",
        by: "i1",
      },
    });
    expect(e.rework).toEqual({ rework: false, reasons: [] });
    // lead time 06-08 12:00 → 06-10 10:00 = 46h; feature since PAY-1 was opened on 06-01
    expect(e.changes).toEqual({
      containment: "explicit",
      changeSet: "listed",
      shipped: [
        {
          id: "c1",
          mergedAt: "2026-06-09T12:00:00.000Z",
          firstCommitAt: "2026-06-08T12:00:00.000Z",
          deployedAt: "2026-06-10T10:00:00.000Z",
          leadTimeSeconds: 165_600,
          feature: true,
          featureLatencySeconds: 813_600,
        },
      ],
      notShipped: [],
    });
    expect(e.compliance?.compliant).toBe(true);
    expect(e.compliance?.controls.map((c) => [c.control, c.counted])).toEqual([
      [
        "required_checks",
        [
          {
            subject: "sast",
            items: ["sast success at 2026-06-10T09:00:00.000Z"],
            pass: true,
            verdict: "pass",
          },
        ],
      ],
      [
        "change_approval",
        [{ subject: "c1 (author carl)", items: ["ann"], pass: true, verdict: "pass" }],
      ],
      [
        "deployment_approval",
        [
          {
            subject: "d1",
            items: ["rita at 2026-06-10T09:00:00.000Z"],
            pass: true,
            verdict: "pass",
          },
        ],
      ],
      ["linked_ticket", [{ subject: "c1", items: ["PAY-1"], pass: true, verdict: "pass" }]],
    ]);
  });

  it("d2: window rule and rollback, unrecovered; explicit list, c1 shipped earlier by d1", () => {
    const e = explain("d2");
    expect(e.failure).toEqual({
      failed: true,
      incidents: [
        {
          id: "i2",
          rule: "attribution_window",
          startedAt: "2026-06-20T12:00:00.000Z",
          gapSeconds: 7200,
        },
      ],
      rolledBackBy: {
        deploymentId: "d3",
        rule: "rollback_sha",
        finishedAt: "2026-06-25T10:00:00.000Z",
      },
      recovery: { recovered: false, unresolvedIncidents: ["i2"] },
    });
    expect(e.rework?.reasons).toEqual([{ rule: "rework_label", changeId: "c2", label: "hotfix" }]);
    expect(e.changes?.containment).toBe("explicit");
    expect(e.changes?.shipped.map((c) => [c.id, c.leadTimeSeconds])).toEqual([["c2", 93_600]]);
    expect(e.changes?.notShipped).toEqual([{ id: "c1", shippedBy: "d1" }]);
    expect(e.compliance?.controls.map((c) => [c.control, c.pass, c.reason])).toEqual([
      ["required_checks", true, "all required checks succeeded"],
      ["change_approval", false, "c2: 0 of 1 approvals before merge"],
      ["deployment_approval", false, "no deployment approval recorded"],
      ["linked_ticket", false, "c2: no linked work item"],
    ]);
    // The failure at 09:00 is superseded by the success at 09:30: the latest result counts.
    expect(e.compliance?.controls[0]?.counted).toEqual([
      {
        subject: "sast",
        items: ["sast success at 2026-06-20T09:30:00.000Z"],
        pass: true,
        verdict: "pass",
      },
    ]);
  });
});
