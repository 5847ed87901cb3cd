// GitHub Actions: workflow runs (repo-wide and per workflow file), one run, its jobs and
// its deployment approvals. Run lists are newest first and wrap the page in
// `{total_count, workflow_runs}` where total_count counts every match.
import type { Json } from "./fixtures.ts";
import type { FakeRepo, FakeWorkflowRun } from "./model.ts";
import { paginate } from "./paging.ts";
import { type Ctx, fullName, listReply, type Reply, type Router, repoOf } from "./router.ts";
import { createdFilter, runsJson, workflowFile, workflowId } from "./shapes-actions.ts";
import { byTime, notFound, numericId, time } from "./util.ts";

function listRuns(ctx: Ctx, repo: FakeRepo, runs: FakeWorkflowRun[]): Reply {
  const query = (key: string) => {
    const value = ctx.query.get(key);
    return value === null || value === "" ? null : value;
  };
  const branch = query("branch");
  const event = query("event");
  const status = query("status");
  const headSha = query("head_sha");
  const actor = query("actor");
  const created = query("created");
  const inWindow = created === null ? () => true : createdFilter(created);
  const matching = runs.filter(
    (run) =>
      (branch === null || run.headBranch === branch) &&
      (event === null || run.event === event) &&
      (status === null || run.status === status || run.conclusion === status) &&
      (headSha === null || run.headSha === headSha) &&
      (actor === null || run.actor === actor) &&
      inWindow(run.createdAt),
  );
  const ordered = byTime(
    [...matching].sort((a, b) => a.id - b.id),
    (run) => run.createdAt,
    "desc",
  );
  const page = paginate(ctx, ordered);
  const workflow_runs = runsJson(ctx, repo, page.items);
  return listReply(page, { total_count: matching.length, workflow_runs });
}

function runOf(ctx: Ctx, repo: FakeRepo): FakeWorkflowRun {
  const id = Number(ctx.params.id);
  const run = repo.workflowRuns.find((candidate) => candidate.id === id);
  if (run === undefined) throw notFound();
  return run;
}

/** `/attempts/{n}`: the run as it was at attempt n (its latest attempt answers as the run). */
function attempt(ctx: Ctx): Reply {
  const repo = repoOf(ctx);
  const run = runOf(ctx, repo);
  const n = Number(ctx.params.n);
  if (n === run.runAttempt) return { body: runsJson(ctx, repo, [run])[0] };
  const earlier = run.previousAttempts?.[n - 1];
  if (!Number.isInteger(n) || n < 1 || n > run.runAttempt) throw notFound();
  if (earlier === undefined)
    throw new Error(`fake run ${run.id} has runAttempt ${run.runAttempt} but no attempt ${n}`);
  const asThen: FakeWorkflowRun = {
    ...run,
    status: "completed",
    conclusion: earlier.conclusion,
    runStartedAt: earlier.runStartedAt,
    updatedAt: earlier.updatedAt,
    runAttempt: n,
    actor: earlier.actor ?? run.actor,
  };
  return { body: runsJson(ctx, repo, [asThen])[0] };
}

function jobs(ctx: Ctx): Reply {
  const repo = repoOf(ctx);
  const run = runOf(ctx, repo);
  // Jobs carry no attempt number in the model, so `filter=all` sees the same jobs.
  const page = paginate(ctx, run.jobs);
  const api = `${ctx.apiBase}/repos/${fullName(repo)}/actions`;
  const items = page.items.map((job) => {
    const body = ctx.tpl.nested("actions-run-jobs", "jobs", fullName(repo));
    const step = (body.steps as Json[] | undefined)?.[0] ?? {};
    const queued = Math.min(time(run.runStartedAt), time(job.startedAt));
    return Object.assign(body, {
      id: job.id,
      run_id: run.id,
      run_url: `${api}/runs/${run.id}`,
      node_id: `CR_${job.id}`,
      head_sha: run.headSha,
      url: `${api}/jobs/${job.id}`,
      html_url: `https://github.com/${fullName(repo)}/actions/runs/${run.id}/job/${job.id}`,
      status: job.status,
      conclusion: job.conclusion,
      created_at: Number.isNaN(queued) ? job.startedAt : new Date(queued).toISOString(),
      started_at: job.startedAt,
      completed_at: job.completedAt ?? null,
      name: job.name,
      steps: [
        Object.assign(step, {
          name: job.name,
          status: job.status,
          conclusion: job.conclusion,
          number: 1,
          started_at: job.startedAt,
          completed_at: job.completedAt ?? null,
        }),
      ],
      check_run_url: `${ctx.apiBase}/repos/${fullName(repo)}/check-runs/${job.id}`,
      labels: job.labels,
      workflow_name: run.name,
      head_branch: run.headBranch,
      run_attempt: run.runAttempt,
    });
  });
  return listReply(page, { total_count: run.jobs.length, jobs: items });
}

function approvals(ctx: Ctx): Reply {
  const repo = repoOf(ctx);
  const run = runOf(ctx, repo);
  const body = run.approvals.map((approval) => {
    const item = ctx.tpl.item("actions-run-approvals", fullName(repo));
    const environment = JSON.stringify((item.environments as Json[] | undefined)?.[0] ?? {});
    return Object.assign(item, {
      state: approval.state,
      comment: approval.comment ?? "",
      user: ctx.tpl.user(approval.user),
      environments: approval.environments.map((name) =>
        Object.assign(JSON.parse(environment) as Json, {
          id: numericId(`environment:${fullName(repo)}:${name}`),
          name,
          url: `${ctx.apiBase}/repos/${fullName(repo)}/environments/${encodeURIComponent(name)}`,
        }),
      ),
    });
  });
  return { body };
}

export function actionsRoutes(router: Router): void {
  router
    .add("GET", "/repos/:owner/:repo/actions/runs", (ctx) => {
      const repo = repoOf(ctx);
      return listRuns(ctx, repo, repo.workflowRuns);
    })
    .add("GET", "/repos/:owner/:repo/actions/workflows/:workflow/runs", (ctx) => {
      const repo = repoOf(ctx);
      const wanted = ctx.params.workflow ?? "";
      const runs = repo.workflowRuns.filter(
        (run) => workflowFile(run) === wanted || String(workflowId(repo, run)) === wanted,
      );
      return listRuns(ctx, repo, runs);
    })
    .add("GET", "/repos/:owner/:repo/actions/runs/:id", (ctx) => {
      const repo = repoOf(ctx);
      return { body: runsJson(ctx, repo, [runOf(ctx, repo)])[0] };
    })
    .add("GET", "/repos/:owner/:repo/actions/runs/:id/attempts/:n", attempt)
    .add("GET", "/repos/:owner/:repo/actions/runs/:id/jobs", jobs)
    .add("GET", "/repos/:owner/:repo/actions/runs/:id/approvals", approvals);
}
