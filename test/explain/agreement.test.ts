// Auditing the KPIs through explain: counting what explain says about each deployment must
// give back the snapshot's numbers, per window and scope. The expected values are worked
// out by hand from scenario.ts; the explanations must add up to them, and so must the
// snapshot.
import { describe, expect, it } from "vitest";
import { computeSnapshot } from "../../src/engine/snapshot.ts";
import { explainDeployment } from "../../src/explain/explain-deployment.ts";
import type { DeploymentExplanation } from "../../src/explain/explanation.ts";
import { AS_OF, M, ms, sample } from "../engine/helpers.ts";
import { config, PRODUCTION, scenario } from "./scenario.ts";

const asOf = ms(AS_OF);
const all = scenario();
const snap = computeSnapshot(all, config(), asOf);
const explained = all.deployments.map(
  (d) => explainDeployment(all, config(), asOf, d.id) as DeploymentExplanation,
);

function audit(window: string, service?: string) {
  const inScope = explained.filter(
    (e) => e.production.counted && (service === undefined || e.deployment.service === service),
  );
  const counted = inScope.filter((e) => e.windows?.find((w) => w.window === window)?.deployment);
  const recovered = inScope.filter((e) => e.windows?.find((w) => w.window === window)?.recovery);
  const controls = counted.flatMap((e) => e.compliance?.controls ?? []);
  const passRatio = (control: string) => {
    const applying = controls.filter((c) => c.control === control);
    return applying.filter((c) => c.pass).length / applying.length;
  };
  return {
    deployments: counted.length,
    failed: counted.filter((e) => e.failure?.failed).length,
    rework: counted.filter((e) => e.rework?.rework).length,
    recoveries: recovered
      .map((e) => (e.failure?.recovery?.recovered ? e.failure.recovery.seconds : Number.NaN))
      .sort((a, b) => a - b),
    leadTimes: counted
      .flatMap((e) => e.changes?.shipped.map((c) => c.leadTimeSeconds) ?? [])
      .sort((a, b) => a - b),
    compliant: counted.filter((e) => e.compliance?.compliant).length,
    passRatio,
  };
}

const labels = (window: string, service?: string): Record<string, string> =>
  service === undefined ? { window } : { window, team: "payments", service };

describe("explain adds up to the snapshot", () => {
  it("explains every production deployment as counted, and no other", () => {
    expect(explained.filter((e) => e.production.counted).map((e) => e.deployment.id)).toEqual(
      PRODUCTION,
    );
  });

  it.each([
    // window, service, deployments, failed, rework, recovery samples, lead times, compliant
    [
      "30d",
      undefined,
      6,
      5,
      5,
      [25_200, 54_000, 86_400, 158_400],
      [93_600, 122_400, 165_600, 172_800],
      2,
    ],
    ["7d", undefined, 4, 3, 4, [25_200, 54_000, 86_400], [122_400, 172_800], 1],
    ["30d", "checkout", 5, 4, 4, [54_000, 86_400, 158_400], [93_600, 122_400, 165_600], 2],
    ["7d", "billing", 1, 1, 1, [25_200], [172_800], 0],
  ] as const)(
    "%s %s: %i deployments, %i failed, %i rework",
    (window, service, deployments, failed, rework, recoveries, leadTimes, compliant) => {
      const a = audit(window, service);
      expect(a.deployments).toBe(deployments);
      expect(a.failed).toBe(failed);
      expect(a.rework).toBe(rework);
      expect(a.recoveries).toEqual(recoveries);
      expect(a.leadTimes).toEqual(leadTimes);
      expect(a.compliant).toBe(compliant);
      const at = labels(window, service);
      expect(sample(snap, M.cfr, at)).toBeCloseTo(failed / deployments, 12);
      expect(sample(snap, M.rework, at)).toBeCloseTo(rework / deployments, 12);
      expect(sample(snap, M.changes, at)).toBe(leadTimes.length);
      expect(sample(snap, M.coverage, at)).toBeCloseTo(compliant / deployments, 12);
      const days = window === "7d" ? 7 : 30;
      expect(sample(snap, M.freq, at)).toBeCloseTo(deployments / days, 12);
    },
  );

  it("recovery and lead time quantiles are those of the explained samples", () => {
    // 30d recoveries 25200, 54000, 86400, 158400: p50 at h=1.5, p90 at h=2.7
    expect(sample(snap, M.recovery, { window: "30d", quantile: "0.5" })).toBe(70_200);
    expect(sample(snap, M.recovery, { window: "30d", quantile: "0.9" })).toBeCloseTo(136_800, 6);
    // 30d lead times 93600, 122400, 165600, 172800: p50 = 122400 + 0.5 × 43200
    expect(sample(snap, M.lead, { window: "30d", quantile: "0.5" })).toBe(144_000);
  });

  it("each control's pass ratio is the share of counted deployments explain says pass it", () => {
    const a = audit("30d");
    const expected = {
      required_checks: 3 / 6,
      change_approval: 4 / 6,
      deployment_approval: 2 / 6,
      linked_ticket: 5 / 6,
    };
    for (const [control, ratio] of Object.entries(expected)) {
      expect(a.passRatio(control), control).toBeCloseTo(ratio, 12);
      expect(sample(snap, M.controlPass, { window: "30d", control })).toBeCloseTo(ratio, 12);
    }
  });
});
