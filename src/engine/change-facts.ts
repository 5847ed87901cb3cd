import type { Change, Deployment, EpochMs } from "../domain/records.ts";
import type { ChangeFacts } from "./analysis-types.ts";
import type { LabelSet } from "./label-set.ts";

// A shipped change's lead time and, for features, its latency to market (contract
// §3; METRICS.md decisions 8 and 9).

const FEATURE_TITLE = /^feat(\([^)]*\))?!?:/i;

export function firstCommitAt(change: Change): EpochMs {
  if (!change.commits.length) return change.createdAt ?? change.mergedAt;
  let first = Number.POSITIVE_INFINITY;
  for (const commit of change.commits) if (commit.authoredAt < first) first = commit.authoredAt;
  return first;
}

export function isFeature(change: Change, featureLabels: LabelSet): boolean {
  return (
    featureLabels.matchesAny(change.labels) ||
    (change.title !== undefined && FEATURE_TITLE.test(change.title))
  );
}

export function changeFacts(
  change: Change,
  deployment: Deployment,
  team: string,
  featureLabels: LabelSet,
): ChangeFacts {
  const first = firstCommitAt(change);
  const deployedAt = deployment.finishedAt;
  const facts: ChangeFacts = {
    change,
    team,
    deployment,
    deployedAt,
    firstCommitAt: first,
    leadTimeMs: Math.max(0, deployedAt - first),
  };
  if (isFeature(change, featureLabels)) {
    let start = first;
    for (const item of change.linkedItems)
      if (item.createdAt !== undefined && item.createdAt < start) start = item.createdAt;
    facts.featureLatencyMs = Math.max(0, deployedAt - start);
  }
  return facts;
}
