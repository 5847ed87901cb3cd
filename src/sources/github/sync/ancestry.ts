import type { Deployment } from "../../../domain/records.ts";
import { type CompareCommit, type Comparison, shipment } from "../ancestry.ts";
import type { GqlCommitPulls } from "../graphql-types.ts";
import { chunks, commitPullsQuery } from "../queries.ts";
import { type RepoSync, repoParams, withContext } from "./context.ts";

// For each service, its new production deployments in finish order, each compared with
// the one before (the previous run's last one first). Commits the pull requests of this
// run do not explain are traced through GraphQL, fifty per query.

const SHA = /^[0-9a-f]{40}$/;

interface RestCompare {
  status: Comparison["status"];
  total_commits: number;
  commits: {
    sha: string;
    commit: {
      message: string;
      author: { date?: string } | null;
      committer: { date?: string } | null;
    };
    author: { login: string } | null;
  }[];
}

function compareCommit(c: RestCompare["commits"][number]): CompareCommit {
  return {
    sha: c.sha.toLowerCase(),
    authoredAt: Date.parse(c.commit.author?.date ?? ""),
    committedAt: Date.parse(c.commit.committer?.date ?? c.commit.author?.date ?? ""),
    ...(c.author && { author: c.author.login }),
    title: c.commit.message.split("\n")[0] ?? "",
  };
}

async function compare(sync: RepoSync, base: string, head: string): Promise<Comparison> {
  const commits: CompareCommit[] = [];
  let status: Comparison["status"] = "identical";
  for (let page = 1; ; page++) {
    const response = await sync.octokit.request("GET /repos/{owner}/{repo}/compare/{basehead}", {
      ...repoParams(sync),
      basehead: `${base}...${head}`,
      per_page: 100,
      page,
    });
    const data = response.data as unknown as RestCompare;
    status = data.status;
    for (const c of data.commits) commits.push(compareCommit(c));
    if (data.commits.length < 100 || commits.length >= data.total_commits) break;
  }
  return { status, commits };
}

async function tracePulls(sync: RepoSync, shas: string[]): Promise<void> {
  const unknown = [...new Set(shas)].filter((s) => SHA.test(s) && !sync.pullOfCommit.has(s));
  for (const batch of chunks(unknown, 50)) {
    const data = await sync.octokit.graphql<{ repository: Record<string, GqlCommitPulls | null> }>(
      commitPullsQuery(batch),
      { owner: sync.target.owner, name: sync.target.name },
    );
    batch.forEach((sha, i) => {
      const pulls = data.repository[`c${i}`]?.associatedPullRequests.nodes ?? [];
      const merged = pulls.find((p) => p.merged && p.baseRefName === sync.deployBranch);
      if (merged) sync.pullOfCommit.set(sha, merged.number);
    });
  }
}

interface RestCommit {
  sha: string;
  commit: RestCompare["commits"][number]["commit"];
  author: { login: string } | null;
}

/**
 * A service's first production deployment in the history has no deployment to compare
 * with: what it shipped within the history is its commit's ancestry since the history
 * start (any earlier deployment predates those commits).
 */
async function ancestrySince(sync: RepoSync, head: string, since: number): Promise<Comparison> {
  const pages = sync.octokit.paginate.iterator("GET /repos/{owner}/{repo}/commits", {
    ...repoParams(sync),
    sha: head,
    since: new Date(since).toISOString(),
    per_page: 100,
  });
  const commits: CompareCommit[] = [];
  for await (const page of pages)
    for (const c of page.data as unknown as RestCommit[]) commits.push(compareCommit(c));
  // The list is newest first; compare lists oldest first, which shipment() expects.
  return { status: "ahead", commits: commits.reverse() };
}

export async function syncAncestry(sync: RepoSync): Promise<void> {
  const live = sync.deployments
    .filter((d) => d.status === "success" && sync.production.test(d.environment))
    .sort((a, b) => a.finishedAt - b.finishedAt || (a.id < b.id ? -1 : 1));
  const pairs: { d: Deployment; base: { id: string }; comparison: Comparison }[] = [];
  for (const d of live) {
    const base = sync.cursor.lastDeployed[d.service];
    // An attempt read late (a re-run's earlier attempt) must not move the base back.
    if (base && base.finishedAt > d.finishedAt) continue;
    sync.cursor.lastDeployed[d.service] = { id: d.id, sha: d.commitSha, finishedAt: d.finishedAt };
    const what = base ? `compare ${base.sha}...${d.commitSha}` : `list commits of ${d.commitSha}`;
    try {
      const comparison = base
        ? await compare(sync, base.sha, d.commitSha)
        : await ancestrySince(sync, d.commitSha, sync.cursor.historyStart);
      pairs.push({ d, base: base ?? { id: "" }, comparison });
    } catch (error) {
      throw withContext(`${what} in ${sync.target.repository}`, error);
    }
  }
  await tracePulls(
    sync,
    pairs.flatMap((p) => p.comparison.commits.map((c) => c.sha)),
  );
  for (const { d, base, comparison } of pairs) {
    const shipped = shipment(sync.target, d.service, base.id, comparison, (sha) =>
      sync.pullOfCommit.get(sha),
    );
    d.changes = shipped.changes;
    if (shipped.rollbackOf) d.rollbackOf = shipped.rollbackOf;
    sync.changes.push(...shipped.directPushes);
  }
}
