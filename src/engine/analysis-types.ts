import type { Change, Deployment, EpochMs } from "../domain/records.ts";
import type { ChangeSet } from "./change-set.ts";
import type { ControlVerdict } from "./compliance.ts";
import type { DeploymentTimeline, RollbackLink } from "./deployment-timeline.ts";
import type { Failure } from "./failures.ts";
import type { ReworkReason } from "./rework.ts";

// The facts every windowed KPI and every explanation is built from, computed once per
// asOf: which deployment shipped what, which failed and why, recovery, rework and
// compliance verdicts. Records after asOf do not exist yet (METRICS.md decision 1).

export interface DeploymentFacts {
  deployment: Deployment;
  team: string;
  shipped: Change[];
  /** What shows that `shipped` is all it shipped, or "unknown" (contract §8.1). */
  changeSet: ChangeSet;
  /** Digest of the compliance policy version that judged it (contract §8.2). */
  policy: string;
  /** Set when this deployment is itself a rollback of another. */
  rollbackOfId?: string;
  /** Set when a later deployment rolled this one back. */
  rolledBackBy?: RollbackLink;
  failure?: Failure;
  rework?: ReworkReason[];
  controls: ControlVerdict[];
  compliant: boolean;
}

export interface ChangeFacts {
  change: Change;
  team: string;
  deployment: Deployment;
  deployedAt: EpochMs;
  firstCommitAt: EpochMs;
  leadTimeMs: number;
  /** Only for feature changes. */
  featureLatencyMs?: number;
}

export interface Analysis {
  asOf: EpochMs;
  timeline: DeploymentTimeline;
  deployments: DeploymentFacts[];
  changes: ChangeFacts[];
  /** Change id → the production deployment that shipped it, for changes incidents or experiments name. */
  deploymentOfChange: Map<string, Deployment>;
}
