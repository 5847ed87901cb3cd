// The in-memory organisation the fake serves. Tests build and mutate these plain objects;
// every response is derived from them on each request, so edits show up on the next call.

import type { FakeCheckRun, FakeDeployment, FakeStatus, FakeWorkflowRun } from "./model-ci.ts";

export type * from "./model-ci.ts";

export interface FakeOrg {
  login: string;
  repos: FakeRepo[];
  billing: FakeUsageItem[];
}

export interface FakeUsageItem {
  date: string /* YYYY-MM-DD */;
  product: string;
  sku: string;
  quantity: number;
  unitType: string;
  pricePerUnit: number;
  grossAmount: number;
  discountAmount: number;
  netAmount: number;
  repositoryName?: string /* owner/name */;
}

export interface FakeCommit {
  sha: string;
  message: string;
  authoredAt: string;
  committedAt: string;
  author: string /* login */;
  parents?: string[];
}

export interface FakeRepo {
  owner: string;
  name: string;
  defaultBranch: string;
  /** Linear history of the default branch, oldest first. compare base...head = commits after base up to and including head. */
  commits: FakeCommit[];
  pulls: FakePull[];
  deployments: FakeDeployment[];
  checkRuns: FakeCheckRun[];
  statuses: FakeStatus[];
  workflowRuns: FakeWorkflowRun[];
  /** undefined → branch protection endpoint answers 404 "Branch not protected" */
  protection?: {
    contexts: string[];
    checks?: { context: string; app_id: number | null }[];
    requiredApprovals?: number;
  };
  /** Effective branch rules for the default branch. */
  rules: { type: string; parameters?: Record<string, unknown> }[];
  dependabotAlerts: FakeAlert[];
  codeScanningAlerts: FakeAlert[];
  secretScanningAlerts: FakeAlert[];
}

export type ReviewState = "APPROVED" | "CHANGES_REQUESTED" | "COMMENTED" | "DISMISSED" | "PENDING";

export interface FakePull {
  number: number;
  title: string;
  body?: string;
  author: string;
  createdAt: string;
  updatedAt: string;
  closedAt?: string;
  mergedAt?: string;
  base: string;
  headSha: string;
  mergeCommitSha?: string;
  labels: string[];
  commits: FakeCommit[];
  reviews: { author: string; state: ReviewState; submittedAt: string; commitId?: string }[];
  closingIssues: { number: number; title: string; createdAt: string; url?: string }[];
  files: string[];
  draft?: boolean;
}

export interface FakeAlert {
  number: number;
  state: string;
  createdAt: string;
  updatedAt: string;
  fixedAt?: string;
  dismissedAt?: string;
  dismissedReason?: string;
  resolvedAt?: string;
  resolution?: string;
  /** dependabot: low|medium|high|critical; code scanning: security_severity_level */
  severity?: string;
  /** code scanning rule.severity none|note|warning|error */
  ruleSeverity?: string;
  secretType?: string;
}
