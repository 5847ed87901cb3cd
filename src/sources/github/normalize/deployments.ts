import type { Deployment } from "../../../domain/records.ts";
import type { GqlDeploymentStatuses } from "../graphql-types.ts";
import type { RepoTarget } from "../targets.ts";
import { instant } from "./time.ts";

// Deployments API: a deployment went live at its first `success` status. One whose last
// status is error or failure never went live and is kept as a failed attempt; one still
// pending is not a deployment yet and is looked at again on the next run.

export interface RestDeployment {
  id: number;
  node_id: string;
  sha: string;
  ref: string;
  environment: string;
  created_at: string;
  payload?: unknown;
  creator?: { login: string } | null;
}

export type DeploymentOutcome =
  | { state: "live" | "failed"; deployment: Deployment; runId?: number }
  | { state: "pending" };

const FAILED = new Set(["ERROR", "FAILURE"]);

/** The Actions run behind a status, from its log or target URL (…/actions/runs/ID…). */
export function runIdOf(url: string | null | undefined): number | undefined {
  const m = /\/actions\/runs\/(\d+)/.exec(url ?? "");
  return m ? Number(m[1]) : undefined;
}

export function deploymentId(target: RepoTarget, id: number): string {
  return `${target.repository}/deployments/${id}`;
}

/** The service a deployment of a shared repository names in its payload, if any. */
export function payloadService(payload: unknown): string | undefined {
  if (typeof payload !== "object" || payload === null) return undefined;
  const service = (payload as Record<string, unknown>).service;
  return typeof service === "string" ? service : undefined;
}

export function deploymentOutcome(
  target: RepoTarget,
  service: string,
  rest: RestDeployment,
  statuses: GqlDeploymentStatuses | undefined,
): DeploymentOutcome {
  const what = `deployment ${target.repository}#${rest.id}`;
  const nodes = [...(statuses?.statuses?.nodes ?? [])].sort(
    (a, b) => instant(a.createdAt, what) - instant(b.createdAt, what),
  );
  const live = nodes.find((s) => s.state === "SUCCESS");
  const last = nodes[nodes.length - 1];
  const decisive = live ?? (last && FAILED.has(last.state) ? last : undefined);
  if (!decisive) return { state: "pending" };
  const runId = nodes.map((s) => runIdOf(s.logUrl)).find((id) => id !== undefined);
  const deployment: Deployment = {
    id: deploymentId(target, rest.id),
    service,
    environment: rest.environment,
    finishedAt: instant(decisive.createdAt, `${what} status createdAt`),
    startedAt: instant(rest.created_at, `${what} created_at`),
    commitSha: rest.sha.toLowerCase(),
    status: live ? "success" : "failure",
    ...(rest.creator && { triggeredBy: rest.creator.login }),
    approvals: [],
    url: `${target.repository}/deployments/${rest.id}`,
  };
  return { state: live ? "live" : "failed", deployment, ...(runId && { runId }) };
}

export interface RestWorkflowRun {
  id: number;
  name?: string | null;
  path: string;
  head_sha: string;
  head_branch: string | null;
  status: string | null;
  conclusion: string | null;
  created_at: string;
  updated_at: string;
  run_started_at?: string;
  /** 1 for the first run, n for its (n-1)th re-run; absent in old payloads. */
  run_attempt?: number;
  html_url: string;
  actor?: { login: string } | null;
  triggering_actor?: { login: string } | null;
}

/**
 * Each attempt of a run is a deployment of its own: a re-run (often weeks later, to roll
 * back) must not move the go-live of the attempt before it. Attempt 1 keeps the run's id.
 */
export function runDeploymentId(target: RepoTarget, runId: number, attempt = 1): string {
  const run = `${target.repository}/actions/runs/${runId}`;
  return attempt > 1 ? `${run}/attempts/${attempt}` : run;
}

/** A completed attempt of a deploy workflow on the deploy branch; success went live. */
export function deploymentFromRun(
  target: RepoTarget,
  service: string,
  run: RestWorkflowRun,
): Deployment {
  const attempt = run.run_attempt ?? 1;
  const what = `workflow run ${target.repository}/actions/runs/${run.id} attempt ${attempt}`;
  const by = run.triggering_actor ?? run.actor;
  const htmlRun = run.html_url.replace(/\/attempts\/\d+$/, "");
  return {
    id: runDeploymentId(target, run.id, attempt),
    service,
    environment: "production",
    // The attempt's last update is when it completed: the REST run has no completed_at.
    finishedAt: instant(run.updated_at, `${what} updated_at`),
    startedAt: instant(run.run_started_at ?? run.created_at, `${what} run_started_at`),
    commitSha: run.head_sha.toLowerCase(),
    status: run.conclusion === "success" ? "success" : "failure",
    ...(by && { triggeredBy: by.login }),
    approvals: [],
    url: attempt > 1 ? `${htmlRun}/attempts/${attempt}` : htmlRun,
  };
}
