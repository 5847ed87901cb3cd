// Delivery and CI records of a FakeRepo: deployments, checks, commit statuses, workflow runs.

export type DeploymentState =
  | "error"
  | "failure"
  | "inactive"
  | "pending"
  | "success"
  | "queued"
  | "in_progress";

export interface FakeDeploymentStatus {
  id?: number;
  state: DeploymentState;
  createdAt: string;
  logUrl?: string;
  targetUrl?: string;
  creator?: string;
}

export interface FakeDeployment {
  id: number;
  sha: string;
  ref: string;
  task?: string;
  environment: string;
  createdAt: string;
  creator: string;
  statuses: FakeDeploymentStatus[];
}

export interface FakeCheckRun {
  id?: number;
  sha: string;
  name: string;
  status: "queued" | "in_progress" | "completed";
  conclusion: string | null;
  startedAt: string;
  completedAt?: string;
  app?: string;
}

export interface FakeStatus {
  sha: string;
  context: string;
  state: "error" | "failure" | "pending" | "success";
  createdAt: string;
  targetUrl?: string;
}

export interface FakeJob {
  id: number;
  name: string;
  status: string;
  conclusion: string | null;
  startedAt: string;
  completedAt?: string;
  labels: string[];
}

/** An earlier attempt of a re-run run; the run's own fields are its latest attempt's. */
export interface FakeRunAttempt {
  conclusion: string;
  runStartedAt: string;
  updatedAt: string;
  actor?: string;
}

export interface FakeWorkflowRun {
  id: number;
  name: string;
  path: string /* .github/workflows/deploy.yml */;
  headSha: string;
  headBranch: string;
  event: string;
  status: "completed" | "in_progress" | "queued" | "waiting";
  conclusion: string | null;
  createdAt: string;
  runStartedAt: string;
  updatedAt: string;
  runAttempt: number;
  /** Attempts 1 … runAttempt-1, oldest first; required when runAttempt > 1. */
  previousAttempts?: FakeRunAttempt[];
  actor: string;
  jobs: FakeJob[];
  approvals: {
    user: string;
    state: "approved" | "rejected";
    environments: string[];
    comment?: string;
  }[];
}
