import { after, latest } from "../cursor.ts";
import type { GqlPull } from "../graphql-types.ts";
import { changesFromPull } from "../normalize/pulls.ts";
import { chunks, pullsQuery } from "../queries.ts";
import { type RepoSync, repoParams } from "./context.ts";

// Merged pull requests into the deploy branch. The REST list (sorted by last update, so
// unchanged repositories answer 304) finds what changed since the last run; one GraphQL
// query per 25 pull requests brings their commits, approvals, labels, closing references
// and files, which REST would need four calls each for.

interface RestPull {
  number: number;
  updated_at: string;
  merged_at: string | null;
}

async function mergedSince(sync: RepoSync): Promise<number[]> {
  const numbers: number[] = [];
  const through = sync.cursor.pullsThrough;
  const pages = sync.octokit.paginate.iterator("GET /repos/{owner}/{repo}/pulls", {
    ...repoParams(sync),
    state: "closed",
    base: sync.deployBranch,
    sort: "updated",
    direction: "desc",
    per_page: 100,
  });
  listing: for await (const page of pages)
    for (const pull of page.data as unknown as RestPull[]) {
      if (
        !after(pull.updated_at, through) ||
        Date.parse(pull.updated_at) < sync.cursor.historyStart
      )
        break listing;
      sync.cursor.pullsThrough = latest(sync.cursor.pullsThrough, pull.updated_at);
      if (pull.merged_at && Date.parse(pull.merged_at) >= sync.cursor.historyStart)
        numbers.push(pull.number);
    }
  return numbers;
}

export async function syncPulls(sync: RepoSync): Promise<void> {
  const numbers = await mergedSince(sync);
  for (const batch of chunks(numbers, 25)) {
    const data = await sync.octokit.graphql<{ repository: Record<string, GqlPull | null> }>(
      pullsQuery(batch),
      { owner: sync.target.owner, name: sync.target.name },
    );
    batch.forEach((number, i) => {
      const pull = data.repository[`p${i}`];
      if (!pull?.merged) return;
      if (pull.mergeCommit) sync.pullOfCommit.set(pull.mergeCommit.oid.toLowerCase(), number);
      for (const { commit } of pull.commits.nodes)
        if (!sync.pullOfCommit.has(commit.oid.toLowerCase()))
          sync.pullOfCommit.set(commit.oid.toLowerCase(), number);
      sync.changes.push(...changesFromPull(sync.target, pull));
    });
  }
}
