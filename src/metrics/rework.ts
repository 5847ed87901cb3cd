import type { Change } from "../domain/records.ts";
import type { DeploymentTimeline } from "./deployment-timeline.ts";
import type { LabelSet } from "./label-set.ts";
import type { Shipping } from "./shipping.ts";

// Rework deployments (contract section 3; METRICS.md decision 13): unplanned work that
// undoes or repairs — a rollback, or shipping a revert, an incident fix or a change
// carrying a rework label.

export interface ReworkReason {
  rule: "rollback" | "revert" | "incident_fix" | "rework_label";
  changeId?: string;
}

const REVERT_TITLE = /^revert\b/i;

function changeReason(
  change: Change,
  incidentIds: Set<string>,
  reworkLabels: LabelSet,
): ReworkReason | undefined {
  if (
    change.reverts !== undefined ||
    (change.title !== undefined && REVERT_TITLE.test(change.title))
  )
    return { rule: "revert", changeId: change.id };
  if (change.linkedItems.some((item) => incidentIds.has(item.id)))
    return { rule: "incident_fix", changeId: change.id };
  if (reworkLabels.matchesAny(change.labels)) return { rule: "rework_label", changeId: change.id };
  return undefined;
}

/** Deployment id → why it is rework, for every rework production deployment. */
export function reworkDeployments(
  timeline: DeploymentTimeline,
  shipping: Shipping,
  incidentIds: Set<string>,
  reworkLabels: LabelSet,
): Map<string, ReworkReason[]> {
  const out = new Map<string, ReworkReason[]>();
  for (const d of timeline.production) {
    const reasons: ReworkReason[] = [];
    if (timeline.rollbacks.has(d.id)) reasons.push({ rule: "rollback" });
    for (const change of shipping.changesOf.get(d.id) ?? []) {
      const reason = changeReason(change, incidentIds, reworkLabels);
      if (reason) reasons.push(reason);
    }
    if (reasons.length) out.set(d.id, reasons);
  }
  return out;
}
