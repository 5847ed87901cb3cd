import type { Change } from "../domain/records.ts";
import type { LabelSet } from "./label-set.ts";

// Rework deployments (contract §3; METRICS.md decision 13): unplanned work that
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

/** Whether an incident of this id exists at asOf. */
export interface IncidentIds {
  has(id: string): boolean;
}

function changeReason(
  change: Change,
  incidentIds: IncidentIds,
  reworkLabels: LabelSet,
): ReworkReason | undefined {
  if (
    change.reverts !== undefined ||
    (change.title !== undefined && REVERT_TITLE.test(change.title))
  )
    return { rule: "revert", changeId: change.id };
  for (const item of change.linkedItems)
    if (incidentIds.has(item.id))
      return { rule: "incident_fix", changeId: change.id, incidentId: item.id };
  const label = reworkLabels.firstMatch(change.labels);
  if (label !== undefined) return { rule: "rework_label", changeId: change.id, label };
  return undefined;
}

/** Why a production deployment is rework, or undefined when it is not. */
export function reworkReasons(
  isRollback: boolean,
  shipped: readonly Change[],
  incidentIds: IncidentIds,
  reworkLabels: LabelSet,
): ReworkReason[] | undefined {
  const reasons: ReworkReason[] = [];
  if (isRollback) reasons.push({ rule: "rollback" });
  for (const change of shipped) {
    const reason = changeReason(change, incidentIds, reworkLabels);
    if (reason) reasons.push(reason);
  }
  return reasons.length ? reasons : undefined;
}
