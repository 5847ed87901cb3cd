import type {
  CheckMatcher,
  EngineConfig,
  ResolvedControls,
  ResolvedPolicy,
} from "../config/engine-config.ts";
import { inForce } from "../config/policy-history.ts";
import type { Approval, Change, CheckResult, Deployment, LinkedItem } from "../domain/records.ts";
import type { ControlName } from "../vocabulary/conventions.ts";
import { type ChangeSet, SHIPS_NOTHING } from "./change-set.ts";
import type { CaseFold } from "./label-set.ts";
import { teamOf } from "./scopes.ts";

// Mandatory controls per production deployment (contract §3, §7 and §8.1; METRICS.md
// decisions 19–22 and 127). Only enabled controls are evaluated; each verdict says why.
// Missing evidence is never a pass: a control that cannot be judged is not evaluable.

export type Verdict = "pass" | "fail" | "not_evaluable";

export interface ControlVerdict {
  control: ControlName;
  /** `verdict === "pass"`, for consumers that only ask whether the control passed. */
  pass: boolean;
  verdict: Verdict;
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

/** The policy history judging a service: discovered branch checks, its team's, or the organisation's. */
export function policiesFor(config: EngineConfig, service: string): readonly ResolvedPolicy[] {
  return (
    config.servicePolicies.get(service) ??
    config.teamPolicies.get(teamOf(config.serviceTeam, service)) ??
    config.organisationPolicies
  );
}

/** The policy in force when a deployment of the service finished (contract §8.2). */
export function policyFor(
  config: EngineConfig,
  service: string,
  finishedAt: number,
): ResolvedPolicy {
  return inForce(policiesFor(config, service), finishedAt);
}

export function controlsFor(
  config: EngineConfig,
  service: string,
  finishedAt: number,
): ResolvedControls {
  return policyFor(config, service, finishedAt).resolved;
}

const enabled = (c: ResolvedControls): boolean =>
  c.requiredChecks.length > 0 || c.changeApproval > 0 || c.deploymentApproval || !!c.linkedTicket;

/** Whether any version of any policy enables a control: else no compliance KPI exists. */
export function anyControlEnabled(config: EngineConfig): boolean {
  const histories = [
    config.organisationPolicies,
    ...config.teamPolicies.values(),
    ...config.servicePolicies.values(),
  ];
  return histories.some((versions) => versions.some((v) => enabled(v.resolved)));
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

/**
 * One control's verdict from what its evidence showed: any failure fails it; otherwise any
 * missing evidence leaves it not evaluable; otherwise it passes (contract §8.1).
 */
function verdict(
  control: ControlName,
  problems: string[],
  ok: string,
  missing: readonly string[] = [],
): ControlVerdict {
  if (problems.length)
    return { control, pass: false, verdict: "fail", reason: problems.join("; ") };
  if (missing.length)
    return { control, pass: false, verdict: "not_evaluable", reason: missing.join("; ") };
  return { control, pass: true, verdict: "pass", reason: ok };
}

/**
 * One change against change_approval: a failure, missing evidence, or undefined when it
 * passes. An unknown author cannot be told apart from an approver, so enough approvals
 * prove nothing; too few fail whoever the author is.
 */
export function changeApprovalProblem(
  change: Change,
  required: number,
  fold: CaseFold,
): { verdict: "fail" | "not_evaluable"; reason: string } | undefined {
  const count = countedApprovers(change, fold).length;
  if (count < required)
    return {
      verdict: "fail",
      reason: `${change.id}: ${count} of ${required} approvals before merge`,
    };
  if (change.author === undefined)
    return {
      verdict: "not_evaluable",
      reason: `${change.id}: author unknown, so its ${count} approval${count === 1 ? "" : "s"} before merge cannot be shown to come from someone else`,
    };
  return undefined;
}

/** `changeSet` says whether `shipped` is known to be all the deployment shipped. */
export function evaluateControls(
  d: Deployment,
  shipped: Change[],
  controls: ResolvedControls,
  checks: ChecksByCommit,
  fold: CaseFold,
  changeSet: ChangeSet,
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
  const unknown = changeSet === "unknown" ? [SHIPS_NOTHING.unknown] : [];
  const none = SHIPS_NOTHING[changeSet];
  if (controls.changeApproval > 0) {
    const problems: string[] = [];
    const missing = [...unknown];
    for (const c of shipped) {
      const problem = changeApprovalProblem(c, controls.changeApproval, fold);
      if (problem) (problem.verdict === "fail" ? problems : missing).push(problem.reason);
    }
    const ok = shipped.length ? "every change approved before merge" : none;
    verdicts.push(verdict("change_approval", problems, ok, missing));
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
    const ok = shipped.length ? "every change links a work item" : none;
    verdicts.push(verdict("linked_ticket", problems, ok, unknown));
  }
  return verdicts;
}
