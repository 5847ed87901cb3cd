// Reproducibility and label hygiene over a mixed record set (contract §1–2, §4).
import { describe, expect, it } from "vitest";
import type { RecordSet } from "../../src/domain/records.ts";
import { computeSnapshot } from "../../src/engine/snapshot.ts";
import type { Sample } from "../../src/engine/snapshot-types.ts";
import {
  AS_OF,
  change,
  check,
  config,
  cost,
  deployment,
  experiment,
  incident,
  M,
  ms,
  records,
  shaOf,
  vuln,
} from "./helpers.ts";

const A = "a".repeat(40);
const mixed = (): RecordSet =>
  records({
    deployments: [
      deployment({ id: "d0", at: "2026-06-10", sha: A, approvals: [["ops", "2026-06-09"]] }),
      deployment({ id: "d1", at: "2026-06-25" }),
      deployment({ id: "d2", at: "2026-06-26", sha: A }), // rolls back d1
      deployment({ id: "g1", service: "gateway", at: "2026-06-27", env: "Production" }),
      deployment({ id: "s1", service: "billing", at: "2026-06-28", env: "staging" }),
    ],
    changes: [
      change({
        id: "c1",
        mergedAt: "2026-06-09",
        title: "feat: x",
        approvals: [["bob", "2026-06-08"]],
      }),
      change({
        id: "c2",
        mergedAt: "2026-06-24",
        labels: ["hotfix"],
        commits: ["2026-06-23T10:00Z"],
      }),
      change({
        id: "g",
        service: "gateway",
        mergedAt: "2026-06-26",
        linked: [["OPS-1", "2026-06-20"]],
      }),
    ],
    incidents: [
      incident({
        id: "i1",
        service: "gateway",
        startedAt: "2026-06-27T03:00Z",
        resolvedAt: "2026-06-27T09:00Z",
      }),
    ],
    checks: [check(shaOf("d1"), "sast", "success", "2026-06-24")],
    vulnerabilities: [
      vuln({ id: "v1", severity: "high", openedAt: "2026-05-01", fixedAt: "2026-06-20" }),
    ],
    costs: [
      cost("k1", 12.5, "cloud", "2026-06-24", "checkout"),
      cost("k2", 3, "ci", "2026-06-24", undefined, "sast"),
    ],
    experiments: [experiment("e1", "c2", [1, 1.25, 40], [0, 0.5])],
  });
const CFG = { compliance: { controls: { required_checks: ["sast"], deployment_approval: true } } };
const run = (r: RecordSet) => computeSnapshot(r, config(CFG), ms(AS_OF));
const key = (s: Sample) =>
  `${s.name}{${Object.keys(s.labels)
    .sort()
    .map((k) => `${k}=${s.labels[k]}`)
    .join(",")}}`;

// Labels each windowed metric carries besides window and the scope labels (contract §4).
const EXTRA: Record<string, string[]> = {
  [M.lead]: ["quantile"],
  [M.recovery]: ["quantile"],
  [M.feature]: ["quantile"],
  [M.level]: ["metric"],
  [M.cost]: ["category", "currency"],
  [M.costPerDeploy]: ["currency"],
  [M.costPerChange]: ["currency"],
  [M.controlPass]: ["control"],
  [M.controlNotEvaluable]: ["control"],
  [M.controlCost]: ["control", "currency"],
  [M.remediation]: ["quantile", "severity"],
  [M.revenue]: ["bound", "currency"],
  [M.revenuePerChange]: ["currency"],
};
const PLAIN = [M.freq, M.changes, M.cfr, M.rework, M.coverage, M.incidents];

describe("determinism and label hygiene", () => {
  it("gives an identical samples array for the same input twice", () => {
    const first = run(mixed());
    expect(first.samples.length).toBeGreaterThan(0);
    expect(run(mixed()).samples).toEqual(first.samples);
    expect(first.asOf).toBe(ms(AS_OF));
  });

  it("does not depend on the order of the input records", () => {
    const r = mixed();
    const reversed = Object.fromEntries(
      Object.entries(r).map(([kind, list]) => [kind, [...(list as unknown[])].reverse()]),
    ) as unknown as RecordSet;
    const sorted = (samples: Sample[]) => samples.map((s) => `${key(s)} ${s.value}`).sort();
    expect(sorted(run(reversed).samples)).toEqual(sorted(run(r).samples));
  });

  it("exports finite values, unique series and only the contract's labels", () => {
    const { samples } = run(mixed());
    expect(new Set(samples.map(key)).size).toBe(samples.length);
    for (const s of samples) {
      const where = `${key(s)}=${s.value}`;
      expect(Number.isFinite(s.value), where).toBe(true);
      const keys = Object.keys(s.labels).sort();
      const extra = keys.filter((k) => k !== "team" && k !== "service" && k !== "window");
      if ("service" in s.labels) expect(keys, where).toContain("team");
      for (const v of Object.values(s.labels)) expect(v, where).not.toBe("");
      if (s.name === M.total) expect(keys, where).toEqual(["environment", "service", "team"]);
      else if (s.name === M.attribution) expect(keys, where).toEqual(["window"]);
      else if (s.name === M.incidentsOpen)
        expect(
          keys.filter((k) => k !== "team" && k !== "service"),
          where,
        ).toEqual([]);
      else if (s.name === M.open || s.name === M.overdue) {
        expect(
          keys.filter((k) => k !== "team" && k !== "service"),
          where,
        ).toEqual(["severity"]);
      } else {
        expect(PLAIN.includes(s.name as never) || s.name in EXTRA, `unknown metric ${where}`).toBe(
          true,
        );
        expect(keys, where).toContain("window");
        expect(extra, where).toEqual(EXTRA[s.name] ?? []);
      }
    }
  });
});
