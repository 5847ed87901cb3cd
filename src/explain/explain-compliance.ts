import type { EngineConfig, ResolvedControls } from "../config/engine-config.ts";
import { iso } from "../domain/instant.ts";
import type { Change, Deployment } from "../domain/records.ts";
import type { DeploymentFacts } from "../engine/analysis.ts";
import {
  approvalCounts,
  type ChecksByCommit,
  changeApprovalProblem,
  controlsFor,
  countedApprovers,
  isTicket,
  latestMatching,
  requiredCheck,
  type Verdict,
} from "../engine/compliance.ts";
import { CaseFold } from "../engine/label-set.ts";
import type { ControlName } from "../vocabulary/conventions.ts";
import type { ExplainedControl } from "./explanation.ts";

// What each control's verdict rested on, through the same functions the engine judged
// with: the check results it looked at, the approvers it counted, the tickets it matched.
// The verdict and its reason are the engine's, copied, never recomputed.

type Counted = ExplainedControl["counted"];

const passOrFail = (pass: boolean): { pass: boolean; verdict: Verdict } => ({
  pass,
  verdict: pass ? "pass" : "fail",
});

function requiredChecks(d: Deployment, controls: ResolvedControls, checks: ChecksByCommit) {
  const onCommit = checks.get(d.commitSha) ?? [];
  const source = controls.requiredChecksConfigured ? "" : " (the deploy branch's required checks)";
  const counted: Counted = controls.requiredChecks.map((matcher) => ({
    subject: matcher.spec,
    items: latestMatching(matcher, d, onCommit).map(
      (c) => `${c.name} ${c.conclusion} at ${iso(c.completedAt)}`,
    ),
    ...passOrFail(requiredCheck(matcher, d, onCommit) === undefined),
  }));
  const specs = controls.requiredChecks.map((m) => m.spec).join(", ");
  return { requirement: `latest result of each of ${specs} succeeded${source}`, counted };
}

function changeApproval(shipped: Change[], required: number) {
  const fold = new CaseFold();
  const counted: Counted = shipped.map((c) => {
    const approvers = countedApprovers(c, fold);
    const author = c.author === undefined ? "author unknown" : `author ${c.author}`;
    const verdict = changeApprovalProblem(c, required, fold)?.verdict ?? "pass";
    return { subject: `${c.id} (${author})`, items: approvers, pass: verdict === "pass", verdict };
  });
  const requirement = `${required} approval${required === 1 ? "" : "s"} by others than the author, before merge, per change`;
  return { requirement, counted };
}

function deploymentApproval(d: Deployment) {
  const items = d.approvals
    .filter((a) => approvalCounts(a, d))
    .map((a) => `${a.by} at ${iso(a.at)}`);
  return {
    requirement: "an approval recorded at or before the deployment finished",
    counted: [{ subject: d.id, items, ...passOrFail(items.length > 0) }],
  };
}

function linkedTicket(shipped: Change[], pattern: RegExp) {
  const counted: Counted = shipped.map((c) => {
    const items = c.linkedItems.filter((i) => isTicket(i, pattern)).map((i) => i.id);
    return { subject: c.id, items, ...passOrFail(items.length > 0) };
  });
  return { requirement: `a linked work item matching ${pattern.source}, per change`, counted };
}

function detail(
  control: ControlName,
  f: DeploymentFacts,
  controls: ResolvedControls,
  checks: ChecksByCommit,
): Pick<ExplainedControl, "requirement" | "counted"> {
  switch (control) {
    case "required_checks":
      return requiredChecks(f.deployment, controls, checks);
    case "change_approval":
      return changeApproval(f.shipped, controls.changeApproval);
    case "deployment_approval":
      return deploymentApproval(f.deployment);
    case "linked_ticket":
      return linkedTicket(f.shipped, controls.linkedTicket as RegExp);
  }
}

export function explainControls(
  f: DeploymentFacts,
  config: EngineConfig,
  checks: ChecksByCommit,
): ExplainedControl[] {
  const controls = controlsFor(config, f.deployment.service, f.deployment.finishedAt);
  return f.controls.map((v) => ({
    control: v.control,
    pass: v.pass,
    verdict: v.verdict,
    reason: v.reason,
    ...detail(v.control, f, controls, checks),
  }));
}
