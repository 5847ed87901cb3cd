import type { CheckMatcher, EngineConfig, ResolvedControls } from "../config/engine-config.ts";
import type { Change, CheckResult, Deployment } from "../domain/records.ts";
import type { ControlName } from "../exporter/conventions.ts";
import type { CaseFold } from "./label-set.ts";
import { teamOf } from "./scopes.ts";

// Mandatory controls per production deployment (contract sections 3 and 7; METRICS.md
// decisions 19–22). Only enabled controls are evaluated; each verdict says why.

export interface ControlVerdict {
  control: ControlName;
  pass: boolean;
  reason: string;
}

export type ChecksByCommit = Map<string, CheckResult[]>;

/** Check results known at asOf, by commit. */
export function indexChecks(checks: CheckResult[], asOf: number): ChecksByCommit {
  const index: ChecksByCommit = new Map();
  for (const check of checks) {
    if (check.completedAt > asOf) continue;
    const key = check.commitSha;
    const list = index.get(key);
    if (list) list.push(check);
    else index.set(key, [check]);
  }
  return index;
}

export function controlsFor(config: EngineConfig, service: string): ResolvedControls {
  return (
    config.teamControls.get(teamOf(config.serviceTeam, service)) ?? config.organisationControls
  );
}

export function anyControlEnabled(config: EngineConfig): boolean {
  return [config.organisationControls, ...config.teamControls.values()].some(
    (c) =>
      c.requiredChecks.length > 0 ||
      c.changeApproval > 0 ||
      c.deploymentApproval ||
      !!c.linkedTicket,
  );
}

function requiredCheck(
  matcher: CheckMatcher,
  d: Deployment,
  checks: CheckResult[],
): string | undefined {
  const latest = new Map<string, CheckResult>();
  for (const c of checks) {
    if (c.completedAt > d.finishedAt || !matcher.matches(c.name)) continue;
    if (c.service !== undefined && c.service !== d.service) continue;
    const known = latest.get(c.name);
    if (!known || known.completedAt < c.completedAt) latest.set(c.name, c);
  }
  if (!latest.size) return `${matcher.spec}: no result before the deployment finished`;
  const failed = [...latest.values()].filter((c) => c.conclusion !== "success");
  return failed.length
    ? `${matcher.spec}: ${failed.map((c) => `${c.name} ${c.conclusion}`).join(", ")}`
    : undefined;
}

/** Distinct approvers other than the author, before merge (a loop: this runs per change). */
function approvers(change: Change, fold: CaseFold): number {
  const author = change.author === undefined ? undefined : fold.lower(change.author);
  const seen: string[] = [];
  for (const approval of change.approvals) {
    if (approval.at > change.mergedAt) continue;
    const by = fold.lower(approval.by);
    if (by !== author && !seen.includes(by)) seen.push(by);
  }
  return seen.length;
}

export function evaluateControls(
  d: Deployment,
  shipped: Change[],
  controls: ResolvedControls,
  checks: ChecksByCommit,
  fold: CaseFold,
): ControlVerdict[] {
  const verdicts: ControlVerdict[] = [];
  const verdict = (control: ControlName, problems: (string | undefined)[], ok: string) => {
    const found = problems.filter((p): p is string => p !== undefined);
    verdicts.push({ control, pass: !found.length, reason: found.length ? found.join("; ") : ok });
  };
  if (controls.requiredChecks.length) {
    const onCommit = checks.get(d.commitSha) ?? [];
    verdict(
      "required_checks",
      controls.requiredChecks.map((m) => requiredCheck(m, d, onCommit)),
      "all required checks succeeded",
    );
  }
  if (controls.changeApproval > 0) {
    const needed = controls.changeApproval;
    verdict(
      "change_approval",
      shipped.map((c) =>
        approvers(c, fold) >= needed
          ? undefined
          : `${c.id}: ${approvers(c, fold)} of ${needed} approvals before merge`,
      ),
      shipped.length ? "every change approved before merge" : "ships no change",
    );
  }
  if (controls.deploymentApproval) {
    const approved = d.approvals.some((a) => a.at <= d.finishedAt);
    verdict(
      "deployment_approval",
      [approved ? undefined : "no deployment approval recorded"],
      "deployment approved",
    );
  }
  if (controls.linkedTicket) {
    const pattern = controls.linkedTicket;
    verdict(
      "linked_ticket",
      shipped.map((c) =>
        c.linkedItems.some((i) => pattern.test(i.id)) ? undefined : `${c.id}: no linked work item`,
      ),
      shipped.length ? "every change links a work item" : "ships no change",
    );
  }
  return verdicts;
}
