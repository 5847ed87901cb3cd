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
  /** incident_fix: the incident the change links among its work items. */
  incidentId?: string;
  /** rework_label: the label that matched, as spelled on the change. */
  label?: string;
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
  const fix = change.linkedItems.find((item) => incidentIds.has(item.id));
  if (fix) return { rule: "incident_fix", changeId: change.id, incidentId: fix.id };
  const label = reworkLabels.firstMatch(change.labels);
  if (label !== undefined) return { rule: "rework_label", changeId: change.id, label };
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
