// Production deployments of strictly newer merge commits (a pending then a success status
// each), the CI and Deploy workflow runs behind them, and check runs on merged commits.
import type { FakeCommit, FakeRepo, FakeWorkflowRun } from "../model.ts";
import { HOUR, type IdCounters, iso, MINUTE, PEOPLE, type Random, type Window } from "./common.ts";

const CHECKS: readonly string[] = ["build", "test", "lint", "codeql", "e2e"];

function workflowRun(
  ids: IdCounters,
  repo: FakeRepo,
  commit: FakeCommit,
  workflow: { name: string; path: string; actor: string },
  startMs: number,
  endMs: number,
): FakeWorkflowRun {
  const job = {
    id: ++ids.job,
    name: workflow.name.toLowerCase(),
    status: "completed",
    conclusion: "success",
    startedAt: iso(startMs + 10_000),
    completedAt: iso(endMs),
    labels: ["ubuntu-latest"],
  };
  return {
    id: ++ids.run,
    name: workflow.name,
    path: workflow.path,
    headSha: commit.sha,
    headBranch: repo.defaultBranch,
    event: "push",
    status: "completed",
    conclusion: "success",
    createdAt: iso(startMs),
    runStartedAt: iso(startMs),
    updatedAt: iso(endMs),
    runAttempt: 1,
    actor: workflow.actor,
    jobs: [job],
    approvals: [],
  };
}

function deploy(rng: Random, repo: FakeRepo, commit: FakeCommit, atMs: number, ids: IdCounters) {
  const doneMs = atMs + rng.spread(2 * MINUTE, 40 * MINUTE);
  const creator = rng.pick(PEOPLE);
  const id = ++ids.deployment;
  repo.deployments.push({
    id,
    sha: commit.sha,
    ref: repo.defaultBranch,
    environment: "production",
    createdAt: iso(atMs),
    creator,
    statuses: [
      { state: "pending", createdAt: iso(atMs + 20_000) },
      { state: "success", createdAt: iso(doneMs), logUrl: `https://ci.example.com/deploy/${id}` },
    ],
  });
  const mergedMs = Date.parse(commit.committedAt);
  const ci = { name: "CI", path: ".github/workflows/ci.yml", actor: creator };
  repo.workflowRuns.push(
    workflowRun(ids, repo, commit, ci, mergedMs + 10_000, mergedMs + 8 * MINUTE),
  );
  const cd = { name: "Deploy", path: ".github/workflows/deploy.yml", actor: creator };
  const run = workflowRun(ids, repo, commit, cd, atMs - 2 * MINUTE, doneMs);
  run.approvals.push({ user: rng.pick(PEOPLE), state: "approved", environments: ["production"] });
  repo.workflowRuns.push(run);
  const legacyAt = iso(mergedMs + 5 * MINUTE);
  repo.statuses.push({
    sha: commit.sha,
    context: "ci/legacy",
    state: "success",
    createdAt: legacyAt,
  });
}

export function syntheticDelivery(
  rng: Random,
  repo: FakeRepo,
  counts: { deployments: number; checkRuns: number },
  w: Window,
  ids: IdCounters,
): void {
  const merges = repo.commits.slice(1);
  // Distinct increasing merge positions: every deployment ships a newer commit.
  const picks = new Set<number>();
  while (picks.size < Math.min(counts.deployments, merges.length)) {
    picks.add(rng.int(0, merges.length - 1));
  }
  let previousMs = w.start;
  for (const position of [...picks].sort((a, b) => a - b)) {
    const commit = merges[position] as FakeCommit;
    const wanted = Date.parse(commit.committedAt) + rng.spread(5 * MINUTE, 6 * HOUR);
    previousMs = Math.min(w.end - HOUR, Math.max(previousMs + MINUTE, wanted));
    deploy(rng, repo, commit, previousMs, ids);
  }
  // Round-robin over merged commits, a different check name on each pass.
  for (let k = 0; k < counts.checkRuns && merges.length > 0; k++) {
    const commit = merges[k % merges.length] as FakeCommit;
    const startMs = Date.parse(commit.committedAt) + rng.spread(30_000, 10 * MINUTE);
    repo.checkRuns.push({
      id: ++ids.check,
      sha: commit.sha,
      name: CHECKS[Math.floor(k / merges.length) % CHECKS.length] as string,
      status: "completed",
      conclusion: rng.chance(0.05) ? "failure" : "success",
      startedAt: iso(startMs),
      completedAt: iso(startMs + rng.spread(30_000, 20 * MINUTE)),
    });
  }
}
