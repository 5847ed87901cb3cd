// Vulnerabilities: open and overdue at asOf, remediation time (contract §3, Decisions 23–24).
import { describe, expect, it } from "vitest";
import {
  DAY,
  expectRows,
  type Labels,
  M,
  type Row,
  SCOPES,
  series,
  snapshot,
  vuln,
} from "./helpers.ts";

const FINDINGS = [
  // checkout unless noted; asOf 06-30; default SLA critical 7d, high 30d, medium 90d, low 180d
  vuln({ id: "v1", severity: "critical", openedAt: "2026-06-22" }), // 8d > 7d: overdue
  vuln({ id: "v2", severity: "critical", openedAt: "2026-06-23" }), // exactly 7d: not overdue
  vuln({ id: "v3", severity: "high", openedAt: "2026-06-01", fixedAt: "2026-07-02" }), // open, 29d
  vuln({ id: "v4", severity: "medium", openedAt: "2026-03-01", dismissedAt: "2026-07-01" }), // open, 121d
  vuln({ id: "v5", severity: "low", openedAt: "2026-06-20", fixedAt: "2026-06-25" }), // fixed in 5d
  vuln({
    id: "v6",
    severity: "critical",
    openedAt: "2026-06-23T12:00Z",
    fixedAt: "2026-06-24T12:00Z",
  }), // 1d
  vuln({ id: "v7", severity: "critical", openedAt: "2026-06-21", fixedAt: "2026-06-25" }), // 4d
  vuln({ id: "v8", severity: "critical", openedAt: "2026-06-24", dismissedAt: "2026-06-26" }), // 2d
  vuln({ id: "v9", severity: "low", openedAt: "2026-06-30" }), // opened exactly at asOf: open
  vuln({ id: "v10", severity: "high", openedAt: "2026-06-28", fixedAt: "2026-06-30" }), // fixed at asOf: 2d
  vuln({
    id: "b1",
    service: "billing",
    severity: "high",
    openedAt: "2026-05-01",
    fixedAt: "2026-06-10",
  }), // 40d
  vuln({ id: "g1", service: "gateway", severity: "critical", openedAt: "2026-06-30T00:00:01Z" }),
];
const SEVERITIES = ["critical", "high", "medium", "low"];
const bySeverity = (name: string, scope: string, values: number[]): Row[] =>
  SEVERITIES.map((severity, i) => [name, { ...SCOPES[scope], severity }, values[i]]);

describe("open and overdue at asOf, per severity with zeros", () => {
  const snap = snapshot({ vulnerabilities: FINDINGS });
  it.each([
    // open: critical v1 v2, high v3, medium v4, low v9; overdue: v1 (8d > 7d), v4 (121d > 90d)
    ["checkout", [2, 1, 1, 1], [1, 0, 1, 0]],
    ["billing", [0, 0, 0, 0], [0, 0, 0, 0]], // only a fixed finding: zeros
    ["payments", [2, 1, 1, 1], [1, 0, 1, 0]],
    ["org", [2, 1, 1, 1], [1, 0, 1, 0]],
  ])("%s", (scope, open, overdue) => {
    expectRows(snap, [
      ...bySeverity(M.open, scope, open),
      ...bySeverity(M.overdue, scope, overdue),
    ]);
  });

  it("exports nothing for scopes without a finding opened by asOf (g1 opens after)", () => {
    expect(series(snap, M.open, { team: "platform" })).toEqual([]);
    expect(series(snap, M.overdue, { team: "platform" })).toEqual([]);
    expect(series(snap, M.open)).toHaveLength(16); // 4 scopes × 4 severities
  });

  it("uses configured SLAs", () => {
    const sla = { critical: "10d", high: "28d" }; // 8d ≤ 10d; v3 29d > 28d
    const custom = snapshot({ vulnerabilities: FINDINGS }, { vulnerabilities: { sla } });
    expectRows(custom, bySeverity(M.overdue, "org", [0, 1, 1, 0]));
  });
});

describe("remediation time per severity, by fixedAt window", () => {
  const rem = (window: string, scope: string, severity: string, quantile: string): Labels => ({
    window,
    ...SCOPES[scope],
    severity,
    quantile,
  });
  it.each([
    // critical fixed in 7d: v6 1d, v7 4d → p50 2.5d, p90 1d + 0.9·3d = 3.7d
    [false, 2.5 * DAY, 3.7 * DAY],
    // dismissal v8 counted: [1d, 2d, 4d] → p50 2d, p90 h=1.8 → 2d + 0.8·2d = 3.6d
    [true, 2 * DAY, 3.6 * DAY],
  ])("dismissed_count_as_remediated=%s", (dismissed, p50, p90) => {
    const policy = { vulnerabilities: { dismissed_count_as_remediated: dismissed } };
    const snap = snapshot({ vulnerabilities: FINDINGS }, policy);
    expectRows(snap, [
      [M.remediation, rem("7d", "checkout", "critical", "0.5"), p50],
      [M.remediation, rem("7d", "checkout", "critical", "0.9"), p90],
      [M.remediation, rem("7d", "org", "critical", "0.5"), p50],
      [M.remediation, rem("7d", "payments", "critical", "0.9"), p90],
      [M.remediation, rem("7d", "checkout", "low", "0.5"), 5 * DAY], // v5
      [M.remediation, rem("7d", "org", "high", "0.5"), 2 * DAY], // v10 only: b1 fixed 06-10, v3 after asOf
      [M.remediation, rem("30d", "billing", "high", "0.9"), 40 * DAY],
      // 30d high [2d, 40d]: p50 21d, p90 2d + 0.9·38d = 36.2d
      [M.remediation, rem("30d", "payments", "high", "0.5"), 21 * DAY],
      [M.remediation, rem("30d", "org", "high", "0.9"), 36.2 * DAY],
    ]);
    // v4 is dismissed after asOf: never a sample, whatever the policy
    expect(series(snap, M.remediation, { severity: "medium" })).toEqual([]);
  });
});
