// What shows which changes a production deployment shipped (contract §8.1, METRICS.md
// decision 127). The controls judging changes (change_approval, linked_ticket) can judge
// only a known change set: otherwise they are not evaluable, never passed.

/**
 * `listed`: the deployment carries a list (even an empty one, and git ancestry arrives as
 * one); `merge_order`: merge order gave it changes; `rollback`: it ships nothing;
 * `redeploy`: it deploys a commit an earlier production deployment of its service had
 * deployed; `unknown`: none of these.
 */
export type ChangeSet = "listed" | "merge_order" | "rollback" | "redeploy" | "unknown";

export function changeSetOf(
  carriesList: boolean,
  rollback: boolean,
  shipped: number,
  deployedBefore: boolean,
): ChangeSet {
  if (rollback) return "rollback";
  if (carriesList) return "listed";
  if (shipped > 0) return "merge_order";
  return deployedBefore ? "redeploy" : "unknown";
}

/**
 * The reason a control judging changes gives for a deployment that ships none: why that
 * passes, or for `unknown` why it cannot be judged.
 */
export const SHIPS_NOTHING: Record<ChangeSet, string> = {
  listed: "ships no change: its list of changes is empty",
  merge_order: "ships no change",
  rollback: "ships no change: it is a rollback",
  redeploy: "ships no change: it redeploys a commit deployed before",
  unknown:
    "change set unknown: no list of changes, merge order gives it none, and no earlier production deployment had deployed its commit",
};
