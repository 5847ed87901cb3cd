// The workflow-run body, shared by the run lists and the single-run endpoint, and the
// `created` filter syntax those lists accept.
import { CommitIndex } from "./commits.ts";
import type { Json } from "./fixtures.ts";
import type { FakeCommit, FakeRepo, FakeWorkflowRun } from "./model.ts";
import { type Ctx, fullName } from "./router.ts";
import { gitIdentity, repoNodeId } from "./shapes-git.ts";
import { byTime, HttpError, headline, numericId, time } from "./util.ts";

/** Workflow file name as used in `/actions/workflows/{file}/runs`: path basename, no @ref. */
export const workflowFile = (run: FakeWorkflowRun): string =>
  (run.path.split("@", 1)[0] ?? "").split("/").pop() ?? "";

export const workflowId = (repo: FakeRepo, run: FakeWorkflowRun): number =>
  numericId(`workflow:${fullName(repo)}:${run.path.split("@", 1)[0]}`);

/** Run numbers count a workflow's runs in creation order, as GitHub numbers them. */
function runNumbers(repo: FakeRepo): Map<FakeWorkflowRun, number> {
  const byFile = new Map<string, FakeWorkflowRun[]>();
  for (const run of repo.workflowRuns) {
    const file = workflowFile(run);
    const same = byFile.get(file) ?? [];
    same.push(run);
    byFile.set(file, same);
  }
  const numbers = new Map<FakeWorkflowRun, number>();
  for (const runs of byFile.values()) {
    byTime(runs, (run) => run.createdAt, "asc").forEach((run, at) => {
      numbers.set(run, at + 1);
    });
  }
  return numbers;
}

function patchRepository(ctx: Ctx, repo: FakeRepo, target: unknown): void {
  if (target === null || typeof target !== "object") return;
  Object.assign(target, {
    id: numericId(`repo:${fullName(repo)}`),
    node_id: repoNodeId(repo),
    name: repo.name,
    full_name: fullName(repo),
    owner: { ...ctx.tpl.user(repo.owner), type: "Organization" },
  });
}

/** Run bodies; commit lookups and run numbers are computed once for the whole page. */
export function runsJson(ctx: Ctx, repo: FakeRepo, runs: FakeWorkflowRun[]): Json[] {
  const commits = new CommitIndex(repo).commits;
  const numbers = runNumbers(repo);
  return runs.map((run) => runJson(ctx, repo, run, commits.get(run.headSha), numbers.get(run)));
}

function runJson(
  ctx: Ctx,
  repo: FakeRepo,
  run: FakeWorkflowRun,
  commit: FakeCommit | undefined,
  runNumber: number | undefined,
): Json {
  const name = fullName(repo);
  const api = `${ctx.apiBase}/repos/${name}/actions`;
  const body = ctx.tpl.nested("actions-runs", "workflow_runs", name);
  const workflow = workflowId(repo, run);
  const suite = numericId(`check-suite:${name}:${run.id}`);
  const author = gitIdentity(commit?.author ?? run.actor);
  Object.assign(body, {
    id: run.id,
    name: run.name,
    node_id: `WFR_${run.id}`,
    check_suite_id: suite,
    check_suite_node_id: `CS_${suite}`,
    head_branch: run.headBranch,
    head_sha: run.headSha,
    path: run.path,
    run_number: runNumber ?? 1,
    event: run.event,
    display_title: commit === undefined ? run.name : headline(commit.message),
    status: run.status,
    conclusion: run.conclusion,
    workflow_id: workflow,
    url: `${api}/runs/${run.id}`,
    html_url: `https://github.com/${name}/actions/runs/${run.id}`,
    pull_requests: [],
    created_at: run.createdAt,
    updated_at: run.updatedAt,
    actor: ctx.tpl.user(run.actor),
    run_attempt: run.runAttempt,
    run_started_at: run.runStartedAt,
    triggering_actor: ctx.tpl.user(run.actor),
    jobs_url: `${api}/runs/${run.id}/jobs`,
    logs_url: `${api}/runs/${run.id}/logs`,
    check_suite_url: `${ctx.apiBase}/repos/${name}/check-suites/${suite}`,
    artifacts_url: `${api}/runs/${run.id}/artifacts`,
    cancel_url: `${api}/runs/${run.id}/cancel`,
    rerun_url: `${api}/runs/${run.id}/rerun`,
    previous_attempt_url:
      run.runAttempt > 1 ? `${api}/runs/${run.id}/attempts/${run.runAttempt - 1}` : null,
    workflow_url: `${api}/workflows/${workflow}`,
    head_commit: {
      id: run.headSha,
      tree_id: run.headSha,
      message: commit?.message ?? run.name,
      timestamp: commit?.committedAt ?? run.createdAt,
      author,
      committer: author,
    },
  });
  patchRepository(ctx, repo, body.repository);
  patchRepository(ctx, repo, body.head_repository);
  return body;
}

const DAY = 86_400_000;
const dateOnly = (text: string) => /^\d{4}-\d{2}-\d{2}$/.test(text);
const startOf = (text: string) => (text === "*" ? -Infinity : Date.parse(text));
const endOf = (text: string) =>
  text === "*" ? Infinity : Date.parse(text) + (dateOnly(text) ? DAY - 1 : 0);

/** GitHub's `created` search syntax: >=D, <=D, >D, <D, A..B (with * for open) or D. */
export function createdFilter(spec: string): (iso: string) => boolean {
  let lower = -Infinity;
  let upper = Infinity;
  if (spec.includes("..")) {
    const [from = "*", to = "*"] = spec.split("..");
    [lower, upper] = [startOf(from), endOf(to)];
  } else if (spec.startsWith(">=")) lower = startOf(spec.slice(2));
  else if (spec.startsWith(">")) lower = endOf(spec.slice(1)) + 1;
  else if (spec.startsWith("<=")) upper = endOf(spec.slice(2));
  else if (spec.startsWith("<")) upper = startOf(spec.slice(1)) - 1;
  else [lower, upper] = [startOf(spec), endOf(spec)];
  if (Number.isNaN(lower) || Number.isNaN(upper)) {
    throw new HttpError(422, `Invalid created filter: ${spec}`);
  }
  return (iso) => time(iso) >= lower && time(iso) <= upper;
}
