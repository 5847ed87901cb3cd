import { jobMinutes } from "../normalize/ci-cost.ts";
import type { RestWorkflowRun } from "../normalize/deployments.ts";
import { type RepoSync, repoParams } from "./context.ts";
import { createdSince } from "./created-since.ts";
import { deployAttempts, syncReruns } from "./run-attempts.ts";

// Actions workflow runs, newest first down to the last one seen. A completed run of a
// service's deploy workflow on the deploy branch is a deployment; when Actions minutes
// are priced (sources.github.organisation), every completed run's jobs add their minutes
// to the day's weights. Runs still in progress are looked at again next time. Each attempt
// of a deploy run is a deployment; re-runs of older runs are found by syncReruns.

async function listNew(sync: RepoSync): Promise<RestWorkflowRun[]> {
  const route = "GET /repos/{owner}/{repo}/actions/runs";
  const { items, through } = await createdSince<RestWorkflowRun>(
    sync,
    route,
    sync.cursor.runsThrough,
  );
  if (through !== undefined) sync.cursor.runsThrough = through;
  return items;
}

async function pendingRuns(sync: RepoSync): Promise<RestWorkflowRun[]> {
  const runs: RestWorkflowRun[] = [];
  for (const id of sync.cursor.pendingRuns) {
    const response = await sync.octokit.request("GET /repos/{owner}/{repo}/actions/runs/{run_id}", {
      ...repoParams(sync),
      run_id: id,
    });
    runs.push(response.data as unknown as RestWorkflowRun);
  }
  return runs;
}

async function addMinutes(sync: RepoSync, run: RestWorkflowRun): Promise<void> {
  const jobs = await sync.octokit.paginate("GET /repos/{owner}/{repo}/actions/runs/{run_id}/jobs", {
    ...repoParams(sync),
    run_id: run.id,
    filter: "all",
    per_page: 100,
  });
  for (const job of jobMinutes(sync.target.repository, run.id, jobs)) {
    const day = sync.cursor.minutes[job.day] ?? {};
    sync.cursor.minutes[job.day] = day;
    day[job.job] = (day[job.job] ?? 0) + job.minutes;
  }
}

export async function syncRuns(sync: RepoSync): Promise<void> {
  const deploys = sync.target.services.some((s) => s.workflows.length > 0);
  const priced = sync.source.organisation !== undefined;
  if (!deploys && !priced) return;
  const runs = [...(await pendingRuns(sync)), ...(await listNew(sync))];
  sync.cursor.pendingRuns = [];
  const handled = new Set<number>();
  for (const run of runs) {
    if (run.status !== "completed") {
      if (sync.now - Date.parse(run.created_at) < 2 * 86_400_000)
        sync.cursor.pendingRuns.push(run.id);
      continue;
    }
    if (priced) await addMinutes(sync, run);
    if (run.head_branch !== sync.deployBranch) continue;
    handled.add(run.id);
    await deployAttempts(sync, run, sync.cursor.deployAttempts[String(run.id)]?.attempt ?? 0);
  }
  if (deploys) await syncReruns(sync, handled);
  // Weights older than the history are never priced again.
  const oldest = new Date(sync.cursor.historyStart).toISOString().slice(0, 10);
  for (const day of Object.keys(sync.cursor.minutes))
    if (day < oldest) delete sync.cursor.minutes[day];
}
