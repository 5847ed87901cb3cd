import type { Verdict } from "../engine/compliance.ts";
import type { DeploymentExplanation, ExplainedIncident, ExplainedRework } from "./explanation.ts";

// The explanation for a person at a terminal: one section per question an auditor asks,
// every number with the facts it came from. The JSON form carries the same content.

export function humanDuration(seconds: number): string {
  const parts: string[] = [];
  let rest = Math.round(seconds);
  for (const [unit, size] of [
    ["d", 86_400],
    ["h", 3_600],
    ["m", 60],
  ] as const) {
    if (rest >= size) parts.push(`${Math.floor(rest / size)}${unit}`);
    rest %= size;
  }
  if (rest || !parts.length) parts.push(`${rest}s`);
  return `${parts.join(" ")} (${seconds} s)`;
}

const RULE: Record<ExplainedIncident["rule"], string> = {
  deployment_id: "its deploymentId names this deployment",
  commit_sha: "its commitSha is the deployed commit",
  change_id: "its changeId is a change this deployment shipped",
  attribution_window: "no reference resolved; it started within the attribution window",
};

function incidentLine(i: ExplainedIncident): string {
  const ref = i.reference === undefined ? "" : ` "${i.reference}"`;
  const gap = i.gapSeconds === undefined ? "" : `, ${humanDuration(i.gapSeconds)} after it`;
  const end = i.resolvedAt === undefined ? "unresolved" : `resolved ${i.resolvedAt}`;
  return `  - incident ${i.id}${ref} [${i.rule}]: ${RULE[i.rule]}${gap}; started ${i.startedAt}, ${end}`;
}

function reworkLine(r: ExplainedRework): string {
  const change = r.changeId === undefined ? "" : ` ${r.changeId}`;
  switch (r.rule) {
    case "rollback":
      return "  - it is a rollback [rollback]";
    case "revert":
      return `  - ships${change}, a revert [revert]${r.reverts ? ` of ${r.reverts}` : ` ("${r.title}")`}`;
    case "incident_fix":
      return `  - ships${change}, linked to incident ${r.incidentId} [incident_fix]`;
    case "rework_label":
      return `  - ships${change}, labelled "${r.label}" [rework_label]`;
  }
}

function failureLines(e: DeploymentExplanation): string[] {
  const f = e.failure;
  if (!f) return [];
  const lines = [`failed: ${f.failed ? "yes" : "no"}`, ...f.incidents.map(incidentLine)];
  const rb = f.rolledBackBy;
  if (rb)
    lines.push(`  - rolled back by ${rb.deploymentId} [${rb.rule}], finished ${rb.finishedAt}`);
  const r = f.recovery;
  if (r?.recovered)
    lines.push(
      `recovery: ${r.at}, after ${humanDuration(r.seconds)}: ${r.basis === "incident" ? `latest resolution of the linked incidents (${r.by})` : `rollback ${r.by} finished`}`,
    );
  else if (r) lines.push(`recovery: none yet; unresolved: ${r.unresolvedIncidents.join(", ")}`);
  return lines;
}

function changeLines(e: DeploymentExplanation): string[] {
  const c = e.changes;
  if (!c) return [];
  const how = {
    explicit: "by its explicit list",
    merge_order: "by merge order",
    rollback: "none: rollbacks ship no changes",
  };
  const lines =
    c.changeSet === "unknown"
      ? [
          "changes shipped: unknown: no list of changes, merge order gives it none, and no earlier production deployment had deployed its commit",
        ]
      : [`changes shipped: ${c.shipped.length}, ${how[c.containment]}`];
  if (c.changeSet === "redeploy")
    lines.push("  - it redeploys a commit an earlier production deployment had deployed");
  for (const s of c.shipped) {
    const feature =
      s.featureLatencySeconds === undefined
        ? ""
        : `; feature-to-market ${humanDuration(s.featureLatencySeconds)}`;
    lines.push(
      `  - ${s.id}: merged ${s.mergedAt}, first commit ${s.firstCommitAt}, lead time ${humanDuration(s.leadTimeSeconds)}${feature}`,
    );
  }
  for (const n of c.notShipped)
    lines.push(
      `  - ${n.id} is listed but not shipped here: ${n.shippedBy ? `${n.shippedBy} shipped it` : "no deployment shipped it at asOf"}`,
    );
  return lines;
}

const VERDICT: Record<Verdict, string> = {
  pass: "pass",
  fail: "FAIL",
  not_evaluable: "NOT EVALUABLE",
};
/** Fixed width, so the counted items line up. */
const ITEM: Record<Verdict, string> = { pass: "ok  ", fail: "FAIL", not_evaluable: "N/E " };

function complianceLines(e: DeploymentExplanation): string[] {
  const c = e.compliance;
  if (!c) return [];
  if (!c.controls.length) return ["compliance: compliant (no control is enabled for its team)"];
  const lines = [`compliance: ${c.compliant ? "compliant" : "not compliant"}`];
  if (c.policy)
    lines.push(
      `  judged by the ${c.policy.scope} policy in force from ${c.policy.effectiveFrom ?? "the beginning"} (policy ${c.policy.digest})`,
    );
  for (const v of c.controls) {
    lines.push(
      `  - ${v.control}: ${VERDICT[v.verdict]}: ${v.reason}`,
      `      requires ${v.requirement}`,
    );
    for (const item of v.counted)
      lines.push(`      ${ITEM[item.verdict]} ${item.subject}: ${item.items.join(", ") || "none"}`);
  }
  return lines;
}

export function explanationText(e: DeploymentExplanation): string {
  const d = e.deployment;
  const lines = [
    `deployment ${d.id}: service ${d.service} (team ${d.team}), at asOf ${e.asOf}`,
    `  finished ${d.finishedAt}, environment ${d.environment}, commit ${d.commitSha}${d.triggeredBy ? `, triggered by ${d.triggeredBy}` : ""}`,
    `production: ${e.production.counted ? "counted" : "not counted"}`,
    ...e.production.reasons.map((r) => `  - ${r}`),
  ];
  if (e.windows)
    lines.push(
      `windows: ${e.windows.map((w) => `${w.window} ${w.deployment ? "yes" : "no"}${w.recovery ? " (recovery too)" : ""}`).join(", ")}`,
    );
  if (e.rollbackOf) lines.push(`rollback of ${e.rollbackOf.deploymentId} [${e.rollbackOf.rule}]`);
  lines.push(...failureLines(e));
  if (e.rework)
    lines.push(`rework: ${e.rework.rework ? "yes" : "no"}`, ...e.rework.reasons.map(reworkLine));
  lines.push(...changeLines(e), ...complianceLines(e));
  return `${lines.join("\n")}\n`;
}
