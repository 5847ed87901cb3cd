import { DAY_MS } from "../../../config/duration.ts";
import { deploymentFromRun, type RestWorkflowRun } from "../normalize/deployments.ts";
import { isDeployWorkflow } from "../targets.ts";
import { approvalsOfRun } from "./approvals.ts";
import { isUnavailable, type RepoSync, repoParams, withContext } from "./context.ts";

// GitHub re-runs a workflow run in place: same id and created_at, run_attempt + 1, and the
// run's fields then describe only the latest attempt. Each attempt of a deploy run is a
// deployment of its own, so attempts not stored yet are read from .../attempts/{n}. A
// re-run keeps its creation time, so the incremental listing never meets it again: the
// deploy workflows' runs of the last 30 days (GitHub refuses to re-run older ones) are
// listed again on every sync, an unchanged list costing only 304s.

const RERUN_DAYS = 30;
async function attemptOf(sync: RepoSync, run: RestWorkflowRun, n: number) {
  if (n === (run.run_attempt ?? 1)) return run;
  try {
    const response = await sync.octokit.request(
      "GET /repos/{owner}/{repo}/actions/runs/{run_id}/attempts/{attempt_number}",
      { ...repoParams(sync), run_id: run.id, attempt_number: n },
    );
    return { ...(response.data as unknown as RestWorkflowRun), run_attempt: n };
  } catch (error) {
    throw withContext(`attempt ${n} of ${sync.target.repository} run ${run.id}`, error);
  }
}

const fileOf = (path: string) => path.split("@", 1)[0]?.split("/").pop() ?? "";

/**
 * The deployments of a completed run's attempts after the `stored` first ones, when the
 * run is a deploy workflow of a service; the cursor remembers the latest attempt stored.
 */
export async function deployAttempts(
  sync: RepoSync,
  run: RestWorkflowRun,
  stored: number,
): Promise<void> {
  const services = sync.target.services.filter((s) => isDeployWorkflow(s, run));
  if (services.length === 0) return;
  const latest = run.run_attempt ?? 1;
  for (let n = stored + 1; n <= latest; n++) {
    const attempt = await attemptOf(sync, run, n);
    for (const { service } of services) {
      const deployment = deploymentFromRun(sync.target, service, attempt);
      if (deployment.status === "success")
        deployment.approvals = await approvalsOfRun(sync, run.id, deployment);
      sync.deployments.push(deployment);
    }
  }
  sync.cursor.deployAttempts[String(run.id)] = { attempt: latest, createdAt: run.created_at };
  const file = fileOf(run.path);
  if (file && !sync.cursor.deployWorkflows.includes(file)) sync.cursor.deployWorkflows.push(file);
}

/** Deploy workflow files: those the config names by file and those runs were seen of. */
function deployWorkflowFiles(sync: RepoSync): string[] {
  const named = sync.target.services
    .flatMap((s) => s.workflows)
    .filter((w) => /\.ya?ml$/i.test(w))
    .map(fileOf);
  return [...new Set([...named, ...sync.cursor.deployWorkflows])].sort();
}

async function completedRuns(sync: RepoSync, workflow: string, created: string) {
  try {
    return (await sync.octokit.paginate(
      "GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs",
      {
        ...repoParams(sync),
        workflow_id: workflow,
        branch: sync.deployBranch,
        status: "completed",
        created,
        per_page: 100,
      },
    )) as unknown as RestWorkflowRun[];
  } catch (error) {
    // A configured file the repository does not have has no runs to re-run.
    if (isUnavailable(error)) return [];
    throw withContext(`runs of workflow ${workflow} in ${sync.target.repository}`, error);
  }
}

/** Completed re-runs of deploy runs whose earlier attempts are stored already. */
export async function syncReruns(sync: RepoSync, handled: ReadonlySet<number>): Promise<void> {
  const through = sync.cursor.runsThrough;
  // The window starts from a time GitHub reported, to the day, so its URL stays stable.
  const since = Math.max(
    sync.cursor.historyStart,
    through === undefined ? sync.cursor.historyStart : Date.parse(through) - RERUN_DAYS * DAY_MS,
  );
  for (const [id, seen] of Object.entries(sync.cursor.deployAttempts))
    if (Date.parse(seen.createdAt) < since) delete sync.cursor.deployAttempts[id];
  if (through === undefined) return;
  const created = `>=${new Date(since).toISOString().slice(0, 10)}`;
  for (const workflow of deployWorkflowFiles(sync)) {
    const runs = await completedRuns(sync, workflow, created);
    for (const run of runs) {
      if (handled.has(run.id) || run.head_branch !== sync.deployBranch) continue;
      if (run.status !== "completed") continue;
      const known = sync.cursor.deployAttempts[String(run.id)];
      // A run the cursor does not know was stored before attempts were told apart, as its
      // latest attempt under the run's id: storing that attempt again would count it twice.
      if (!known)
        sync.cursor.deployAttempts[String(run.id)] = {
          attempt: run.run_attempt ?? 1,
          createdAt: run.created_at,
        };
      else if ((run.run_attempt ?? 1) > known.attempt)
        await deployAttempts(sync, run, known.attempt);
    }
  }
}
