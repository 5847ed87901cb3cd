// The normalized records every part of the exporter shares. All instants are
// epoch milliseconds (UTC): the engine handles hundreds of thousands of them per
// snapshot, and numbers compare and subtract without allocation. Commit SHAs of
// deployments and checks are lower-case (sources normalize them), so the engine
// compares them exactly instead of lower-casing a million strings per snapshot.

export type EpochMs = number;

export interface Approval {
  by: string;
  at: EpochMs;
}

export interface Deployment {
  id: string;
  service: string;
  environment: string;
  finishedAt: EpochMs;
  commitSha: string;
  startedAt?: EpochMs;
  /** Only `success` deployments went live; `failure` attempts are kept but never counted. */
  status: "success" | "failure";
  /** Change ids shipped, when the source knows them (explicit containment). */
  changes?: string[];
  rollbackOf?: string;
  /**
   * The source knows git ancestry and says this commit is a strict ancestor of the
   * previous production deployment's commit: production moved back, a rollback of it.
   */
  ancestorOfPrevious?: boolean;
  triggeredBy?: string;
  approvals: Approval[];
  url?: string;
}

export interface CommitRef {
  sha: string;
  authoredAt: EpochMs;
}

export interface LinkedItem {
  id: string;
  createdAt?: EpochMs;
}

export interface Change {
  id: string;
  service: string;
  mergedAt: EpochMs;
  title?: string;
  labels: string[];
  author?: string;
  createdAt?: EpochMs;
  mergeCommitSha?: string;
  commits: CommitRef[];
  linkedItems: LinkedItem[];
  approvals: Approval[];
  /** Id of the change this one reverts. */
  reverts?: string;
  url?: string;
}

export interface Incident {
  id: string;
  service: string;
  startedAt: EpochMs;
  resolvedAt?: EpochMs;
  severity?: string;
  deploymentId?: string;
  commitSha?: string;
  changeId?: string;
  title?: string;
  url?: string;
}

export interface CheckResult {
  commitSha: string;
  name: string;
  conclusion: string;
  completedAt: EpochMs;
  service?: string;
  url?: string;
}

export const SEVERITIES = ["critical", "high", "medium", "low"] as const;
export type Severity = (typeof SEVERITIES)[number];

export interface Vulnerability {
  id: string;
  service: string;
  severity: Severity;
  openedAt: EpochMs;
  fixedAt?: EpochMs;
  dismissedAt?: EpochMs;
  dismissedReason?: string;
  source?: string;
  url?: string;
}

export const COST_CATEGORIES = ["cloud", "ci"] as const;
export type CostCategory = (typeof COST_CATEGORIES)[number];

export interface CostRow {
  /** Source identity: given by the source, or a digest of the row's fields. */
  id: string;
  /** Amount in the reporting currency (converted at ingest). */
  amount: number;
  /** Amount and currency as received, kept for audit. */
  originalAmount: number;
  originalCurrency: string;
  periodStart: EpochMs;
  periodEnd: EpochMs;
  category: CostCategory;
  /** Attributed service, or undefined when no catalogue selector matched. */
  service?: string;
  tags?: Record<string, string>;
  control?: string;
}

export interface ExperimentResult {
  id: string;
  changeId: string;
  /** Means and bounds are converted to the reporting currency at ingest. */
  currency: string;
  controlMean: number;
  treatmentMean: number;
  treatmentUnits: number;
  ciLow?: number;
  ciHigh?: number;
  metric?: string;
  url?: string;
}

/**
 * The status checks a service's deploy branch requires (branch protection and
 * rulesets), as a source discovered them. They are the default `required_checks`
 * control where the config names none (docs/decisions/sources.md, GitHub decisions).
 */
export interface BranchPolicy {
  service: string;
  repository: string;
  branch: string;
  requiredChecks: string[];
}

/** Everything the engine needs, already loaded from the store. */
export interface RecordSet {
  deployments: Deployment[];
  changes: Change[];
  incidents: Incident[];
  checks: CheckResult[];
  vulnerabilities: Vulnerability[];
  costs: CostRow[];
  experiments: ExperimentResult[];
  /** Discovered branch policies; absent when no source reports them. */
  branchPolicies?: BranchPolicy[];
}

export const RECORD_KINDS = [
  "deployment",
  "change",
  "incident",
  "check",
  "vulnerability",
  "cost",
  "experiment",
] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

export function emptyRecordSet(): RecordSet {
  return {
    deployments: [],
    changes: [],
    incidents: [],
    checks: [],
    vulnerabilities: [],
    costs: [],
    experiments: [],
  };
}
