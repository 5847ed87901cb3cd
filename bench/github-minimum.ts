// The fewest requests a first sync of a synthetic organisation could make with the
// collector's own request plan, derived from the organisation itself (never from what the
// collector did), so the ratio measured / minimum shows waste: re-fetched pages, retries,
// lists read past their end. It is not a lower bound for GitHub's API in general: the plan
// reads one compare per deployment and one jobs list per workflow run by design, and those
// per-item calls are counted here as needed. A ratio of 1.00 means nothing was wasted,
// not that the plan itself is the cheapest possible.
//
// Per repository, with P(n) = max(1, ceil(n / 100)) pages of a REST list at per_page=100:
//   REST    1 (default branch) + P(closed PRs) + P(deployments)
//           + P(workflow runs) + Σ runs P(jobs)         (only when billing is priced)
//           + P(commits from the history start to the first production deployment)
//           + Σ consecutive production deployments P(commits between them)
//           + P(dependabot) + P(code scanning) + P(secret scanning) + 2 (branch protection, rules)
//   GraphQL ceil(merged PRs / 25) + ceil(deployments / 50)
//           + ceil(compared commits no PR explains / 50) + ceil(deployed commits / 20)
// plus, once, one billing request per calendar month of history.
// Assumes the synthetic organisation's shape: one service per repository deploying its
// default branch to production, every timestamp inside the history.
import type { FakeOrg, FakeRepo } from "../test/support/fake-github/index.ts";

export interface MinimumPlan {
  rest: Record<string, number>;
  graphql: Record<string, number>;
}

const pages = (n: number) => Math.max(1, Math.ceil(n / 100));
const batches = (n: number, size: number) => Math.ceil(n / size);

function add(into: Record<string, number>, key: string, n: number): void {
  into[key] = (into[key] ?? 0) + n;
}

/** The commit listing and compares of ancestry: pages, and the commits no PR explains. */
function ancestry(repo: FakeRepo, historyStart: number): { pages: number; unexplained: number } {
  const position = new Map(repo.commits.map((c, i) => [c.sha, i]));
  const explained = new Set<string>();
  for (const pull of repo.pulls) {
    if (pull.mergedAt === undefined) continue;
    if (pull.mergeCommitSha) explained.add(pull.mergeCommitSha);
    for (const c of pull.commits) explained.add(c.sha);
  }
  const finished = (d: FakeRepo["deployments"][number]) =>
    d.statuses.find((s) => s.state === "success")?.createdAt ?? "";
  const live = repo.deployments
    .filter((d) => finished(d) !== "")
    .sort((a, b) => finished(a).localeCompare(finished(b)));
  let total = 0;
  let unexplained = 0;
  const read = (commits: FakeRepo["commits"]) => {
    total += pages(commits.length);
    unexplained += commits.filter((c) => !explained.has(c.sha)).length;
  };
  // The first has no deployment to compare with: its ancestry since the history start.
  const first = position.get(live[0]?.sha ?? "");
  if (first !== undefined)
    read(repo.commits.slice(0, first + 1).filter((c) => Date.parse(c.committedAt) >= historyStart));
  for (let i = 1; i < live.length; i++) {
    const from = position.get(live[i - 1]?.sha ?? "") ?? 0;
    const to = position.get(live[i]?.sha ?? "") ?? 0;
    read(repo.commits.slice(from + 1, to + 1));
  }
  return { pages: total, unexplained };
}

export interface PlanOptions {
  priced: boolean;
  months: number;
  historyStart: number;
}

export function minimumPlan(org: FakeOrg, opts: PlanOptions): MinimumPlan {
  const rest: Record<string, number> = {};
  const graphql: Record<string, number> = {};
  for (const repo of org.repos) {
    const closed = repo.pulls.filter((p) => p.closedAt !== undefined && p.base === "main");
    const merged = closed.filter((p) => p.mergedAt !== undefined).length;
    add(rest, "repository", 1);
    add(rest, "pulls list", pages(closed.length));
    add(rest, "deployments list", pages(repo.deployments.length));
    if (opts.priced) {
      add(rest, "workflow runs list", pages(repo.workflowRuns.length));
      for (const run of repo.workflowRuns) add(rest, "run jobs", pages(run.jobs.length));
    }
    const compared = ancestry(repo, opts.historyStart);
    add(rest, "commits list and compare", compared.pages);
    add(rest, "alerts", pages(repo.dependabotAlerts.length));
    add(rest, "alerts", pages(repo.codeScanningAlerts.length));
    add(rest, "alerts", pages(repo.secretScanningAlerts.length));
    add(rest, "branch protection", 1);
    add(rest, "rules", 1);
    const deployed = new Set(repo.deployments.map((d) => d.sha)).size;
    add(graphql, "pull details", batches(merged, 25));
    add(graphql, "deployment statuses", batches(repo.deployments.length, 50));
    add(graphql, "commit pulls", batches(compared.unexplained, 50));
    add(graphql, "commit checks", batches(deployed, 20));
  }
  if (opts.priced) add(rest, "billing", opts.months);
  return { rest, graphql };
}

export const total = (counts: Record<string, number>): number =>
  Object.values(counts).reduce((a, b) => a + b, 0);
