// Shared by the blind §8.1 tests: judge the one checkout deployment that finishes in the 7d
// window (06-23, 06-30]; every other deployment finishes before 06-23, so each 7d ratio at
// organisation, team and service scope is that deployment's verdict: 1 or 0.
import {
  type ChangeSpec,
  change,
  type DeploymentSpec,
  deployment,
  expectRows,
  M,
  rows,
  snapshot,
} from "./helpers.ts";

export const NOT_EVALUABLE = "kpi_compliance_control_not_evaluable_ratio";
export const CONTROLS = { change_approval: 1, linked_ticket: "^[A-Z]+-[0-9]+$" };
export type Verdict = "pass" | "fail" | "ne";
const ALL = ["required_checks", "change_approval", "deployment_approval", "linked_ticket"];

/** Approved by bob (not the author) on 04-02, before every merge in these tests; ticket PAY-1. */
export const good = (id: string, mergedAt: string, more: Partial<ChangeSpec> = {}): ChangeSpec => ({
  id,
  mergedAt,
  author: "alice",
  approvals: [["bob", "2026-04-02"]],
  linked: ["PAY-1"],
  ...more,
});

/** verdicts: one per enabled control; the other controls must export no series at all. */
export function expectVerdicts(
  deployments: DeploymentSpec[],
  changes: ChangeSpec[],
  verdicts: Record<string, Verdict>,
  controls: Record<string, unknown> = CONTROLS,
): void {
  const snap = snapshot(
    { deployments: deployments.map(deployment), changes: changes.map(change) },
    { compliance: { controls } },
  );
  const compliant = Object.values(verdicts).every((v) => v === "pass") ? 1 : 0;
  const at = (value: number | undefined) => ({ org: value, payments: value, checkout: value });
  expectRows(snap, [
    ...rows(M.coverage, "7d", at(compliant)),
    ...ALL.flatMap((control) => {
      const v = verdicts[control];
      const pass = v === undefined ? undefined : v === "pass" ? 1 : 0;
      const ne = v === undefined ? undefined : v === "ne" ? 1 : 0;
      return [
        ...rows(M.controlPass, "7d", at(pass), { control }),
        ...rows(NOT_EVALUABLE, "7d", at(ne), { control }),
      ];
    }),
  ]);
}
