import type { CheckMatcher, EngineConfig, ResolvedControls } from "../config/engine-config.ts";
import type { Approval, Change, CheckResult, Deployment, LinkedItem } from "../domain/records.ts";
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

/** Check results by commit, each commit's in identity order. */
export interface ChecksByCommit {
  get(commitSha: string): CheckResult[] | undefined;
}

/** Check results known at asOf, by commit. */
export function indexChecks(checks: CheckResult[], asOf: number): Map<string, CheckResult[]> {
  const index = new Map<string, CheckResult[]>();
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

/** A check result on the deployed commit can count: done by finishedAt, for its service. */
export function checkCounts(c: CheckResult, d: Deployment): boolean {
  return c.completedAt <= d.finishedAt && (c.service === undefined || c.service === d.service);
}

/** The latest result of every check name the matcher accepts, among the commit's checks. */
export function latestMatching(
  matcher: CheckMatcher,
  d: Deployment,
  checks: CheckResult[],
): CheckResult[] {
  // A commit has a handful of checks, so a linear scan of a small array beats a Map
  // built for every deployment.
  const latest: CheckResult[] = [];
  for (const c of checks) {
    if (!checkCounts(c, d) || !matcher.matches(c.name)) continue;
    const known = latest.findIndex((l) => l.name === c.name);
    if (known < 0) latest.push(c);
    else if ((latest[known] as CheckResult).completedAt < c.completedAt) latest[known] = c;
  }
  return latest;
}

/** Why one required_checks entry fails for a deployment, or undefined when it passes. */
export function requiredCheck(
  matcher: CheckMatcher,
  d: Deployment,
  checks: CheckResult[],
): string | undefined {
  const latest = latestMatching(matcher, d, checks);
  if (!latest.length) return `${matcher.spec}: no result before the deployment finished`;
  const failed = latest.filter((c) => c.conclusion !== "success");
  return failed.length
    ? `${matcher.spec}: ${failed.map((c) => `${c.name} ${c.conclusion}`).join(", ")}`
    : undefined;
}

/** Distinct approvers other than the author before merge, case-folded (runs per change). */
export function countedApprovers(change: Change, fold: CaseFold): string[] {
  const author = change.author === undefined ? undefined : fold.lower(change.author);
  const seen: string[] = [];
  for (const approval of change.approvals) {
    if (approval.at > change.mergedAt) continue;
    const by = fold.lower(approval.by);
    if (by !== author && !seen.includes(by)) seen.push(by);
  }
  return seen;
}

/** A deployment approval counts when recorded at or before the deployment finished. */
export const approvalCounts = (a: Approval, d: Deployment): boolean => a.at <= d.finishedAt;

/** A linked work item satisfies linked_ticket when its id matches the pattern. */
export const isTicket = (item: LinkedItem, pattern: RegExp): boolean => pattern.test(item.id);

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
      const count = countedApprovers(c, fold).length;
      if (count < controls.changeApproval)
        problems.push(`${c.id}: ${count} of ${controls.changeApproval} approvals before merge`);
    }
    const ok = shipped.length ? "every change approved before merge" : "ships no change";
    verdicts.push(verdict("change_approval", problems, ok));
  }
  if (controls.deploymentApproval) {
    const approved = d.approvals.some((a) => approvalCounts(a, d));
    const problems = approved ? [] : ["no deployment approval recorded"];
    verdicts.push(verdict("deployment_approval", problems, "deployment approved"));
  }
  const pattern = controls.linkedTicket;
  if (pattern) {
    const problems: string[] = [];
    for (const c of shipped)
      if (!c.linkedItems.some((i) => isTicket(i, pattern)))
        problems.push(`${c.id}: no linked work item`);
    const ok = shipped.length ? "every change links a work item" : "ships no change";
    verdicts.push(verdict("linked_ticket", problems, ok));
  }
  return verdicts;
}
