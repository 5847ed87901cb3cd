// One compliant deployment and the knobs the compliance tests turn (contract §3 and §7).
import { expect } from "vitest";
import {
  type ChangeSpec,
  change,
  check,
  type DeploymentSpec,
  deployment,
  expectRows,
  M,
  rows,
  shaOf,
  snapshot,
} from "./helpers.ts";

export const S = shaOf("release-1");
/** A check on the deployed commit S; by default a success at 06-28T20:00. */
export const ck = (
  name: string,
  conclusion = "success",
  at = "2026-06-28T20:00Z",
  sha = S,
  service?: string,
) => check(sha, name, conclusion, at, service);
export const OK_CHECKS = [ck("sast"), ck("trivy-fs")];
const CONTROLS = {
  required_checks: ["sast", "/^trivy/"],
  change_approval: 1,
  deployment_approval: true,
  linked_ticket: "^[A-Z]+-[0-9]+$",
};
const NAMES = ["required_checks", "change_approval", "deployment_approval", "linked_ticket"];
export const BOB: [string, string] = ["bob", "2026-06-28T10:00Z"];

export interface Mod {
  checks?: ReturnType<typeof check>[];
  c1?: Partial<ChangeSpec>;
  dep?: Partial<DeploymentSpec>;
  more?: ChangeSpec[];
  controls?: Record<string, unknown>;
}

/**
 * Baseline: d1 (06-29T00:00 on commit S, approved by ops 06-28T23:00) ships c1 (author
 * alice, merged 06-28T12:00, approved by bob 06-28T10:00, ticket PAY-1); sast and trivy-fs
 * passed on S at 06-28T20:00. All four controls enabled.
 */
export function run(m: Mod) {
  const c1: ChangeSpec = {
    id: "c1",
    mergedAt: "2026-06-28T12:00Z",
    author: "alice",
    approvals: [BOB],
    linked: ["PAY-1"],
    ...m.c1,
  };
  const more = m.more ?? [];
  const d1 = deployment({
    id: "d1",
    at: "2026-06-29",
    sha: S,
    approvals: [["ops", "2026-06-28T23:00Z"]],
    changes: ["c1", ...more.map((c) => c.id)],
    ...m.dep,
  });
  const changes = [c1, ...more].map((c) => change(c));
  return snapshot(
    { deployments: [d1], changes, checks: m.checks ?? OK_CHECKS },
    { compliance: { controls: { ...CONTROLS, ...m.controls } } },
  );
}

/**
 * passes: [required_checks, change_approval, deployment_approval, linked_ticket], each 1 or 0,
 * or undefined for a disabled control (no series); compliant when no enabled control fails.
 */
export function expectControls(m: Mod, passes: (number | undefined)[]): void {
  const snap = run(m);
  const coverage = passes.every((p) => p !== 0) ? 1 : 0;
  expect(passes).toHaveLength(4);
  expectRows(snap, [
    ...rows(M.coverage, "7d", { org: coverage, payments: coverage, checkout: coverage }),
    ...NAMES.flatMap((control, i) =>
      rows(M.controlPass, "7d", { org: passes[i], checkout: passes[i] }, { control }),
    ),
  ]);
}
