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
    config.serviceControls.get(service) ??
    config.teamControls.get(teamOf(config.serviceTeam, service)) ??
    config.organisationControls
  );
}

export function anyControlEnabled(config: EngineConfig): boolean {
  const all = [config.organisationControls, ...config.teamControls.values()];
  return [...all, ...config.serviceControls.values()].some(
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
  // The latest result per matching name. A commit has a handful of checks, so a linear
  // scan of a small array beats a Map built for every deployment.
  const latest: CheckResult[] = [];
  for (const c of checks) {
    if (c.completedAt > d.finishedAt || !matcher.matches(c.name)) continue;
    if (c.service !== undefined && c.service !== d.service) continue;
    const known = latest.findIndex((l) => l.name === c.name);
    if (known < 0) latest.push(c);
    else if ((latest[known] as CheckResult).completedAt < c.completedAt) latest[known] = c;
  }
  if (!latest.length) return `${matcher.spec}: no result before the deployment finished`;
  const failed = latest.filter((c) => c.conclusion !== "success");
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

function verdict(control: ControlName, problems: string[], ok: string): ControlVerdict {
  return { control, pass: !problems.length, reason: problems.length ? problems.join("; ") : ok };
}

export function evaluateControls(
  d: Deployment,
  shipped: Change[],
  controls: ResolvedControls,
  checks: ChecksByCommit,
  fold: CaseFold,
): ControlVerdict[] {
  // Plain loops, and strings only for failures: this runs for every production deployment.
  const verdicts: ControlVerdict[] = [];
  if (controls.requiredChecks.length) {
    const onCommit = checks.get(d.commitSha) ?? [];
    const problems: string[] = [];
    for (const matcher of controls.requiredChecks) {
      const problem = requiredCheck(matcher, d, onCommit);
      if (problem) problems.push(problem);
    }
    verdicts.push(verdict("required_checks", problems, "all required checks succeeded"));
  }
  if (controls.changeApproval > 0) {
    const problems: string[] = [];
    for (const c of shipped) {
      const count = approvers(c, fold);
      if (count < controls.changeApproval)
        problems.push(`${c.id}: ${count} of ${controls.changeApproval} approvals before merge`);
    }
    const ok = shipped.length ? "every change approved before merge" : "ships no change";
    verdicts.push(verdict("change_approval", problems, ok));
  }
  if (controls.deploymentApproval) {
    const approved = d.approvals.some((a) => a.at <= d.finishedAt);
    const problems = approved ? [] : ["no deployment approval recorded"];
    verdicts.push(verdict("deployment_approval", problems, "deployment approved"));
  }
  const pattern = controls.linkedTicket;
  if (pattern) {
    const problems: string[] = [];
    for (const c of shipped)
      if (!c.linkedItems.some((i) => pattern.test(i.id)))
        problems.push(`${c.id}: no linked work item`);
    const ok = shipped.length ? "every change links a work item" : "ships no change";
    verdicts.push(verdict("linked_ticket", problems, ok));
  }
  return verdicts;
}
