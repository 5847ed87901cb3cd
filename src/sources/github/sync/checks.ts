import type { CheckResult } from "../../../domain/records.ts";
import type { GqlCommitChecks } from "../graphql-types.ts";
import { checkOfStatus, checksOfCommit, type RestCommitStatus } from "../normalize/checks.ts";
import { chunks, commitChecksQuery } from "../queries.ts";
import { type RepoSync, repoParams, withContext } from "./context.ts";

// Check runs and statuses of each newly deployed production commit, twenty commits per
// GraphQL query (REST would take two calls per commit). Read once, when the deployment is
// first seen live: results completed after it went live do not count anyway. GraphQL
// gives only each status context's latest state; when that state was set after the
// commit's first go-live read here, the state at go-live is in the commit's status
// history (REST, one list per such commit), which is stored whole.

interface Deployed {
  services: Set<string>;
  /** The earliest go-live of the commit among this run's deployments. */
  firstLive: number;
}

function deployedCommits(sync: RepoSync): Map<string, Deployed> {
  const commits = new Map<string, Deployed>();
  for (const d of sync.deployments) {
    if (d.status !== "success" || !sync.production.test(d.environment)) continue;
    if (!/^[0-9a-f]{40}$/.test(d.commitSha)) continue;
    const seen = commits.get(d.commitSha) ?? { services: new Set(), firstLive: d.finishedAt };
    seen.services.add(d.service);
    seen.firstLive = Math.min(seen.firstLive, d.finishedAt);
    commits.set(d.commitSha, seen);
  }
  return commits;
}

async function statusHistory(sync: RepoSync, sha: string): Promise<RestCommitStatus[]> {
  try {
    return (await sync.octokit.paginate("GET /repos/{owner}/{repo}/commits/{ref}/statuses", {
      ...repoParams(sync),
      ref: sha,
      per_page: 100,
    })) as unknown as RestCommitStatus[];
  } catch (error) {
    throw withContext(`statuses of ${sync.target.repository}@${sha}`, error);
  }
}

export async function syncChecks(sync: RepoSync): Promise<void> {
  const commits = deployedCommits(sync);
  const results = new Map<string, CheckResult>();
  // The store's identity of a check: the latest state is in both GraphQL and the history.
  const add = (r: CheckResult) =>
    results.set([r.commitSha, r.name, r.completedAt, r.service].join("\u0000"), r);
  for (const batch of chunks([...commits.keys()], 20)) {
    const data = await sync.octokit.graphql<{ repository: Record<string, GqlCommitChecks | null> }>(
      commitChecksQuery(batch),
      { owner: sync.target.owner, name: sync.target.name },
    );
    for (const [i, sha] of batch.entries()) {
      const commit = data.repository[`c${i}`];
      const deployed = commits.get(sha);
      if (!commit || !deployed) continue;
      for (const service of deployed.services) checksOfCommit(commit, service).forEach(add);
      const changedSince = (commit.status?.contexts ?? []).some(
        (c) => Date.parse(c.createdAt) > deployed.firstLive,
      );
      if (!changedSince) continue;
      const history = await statusHistory(sync, sha);
      for (const service of deployed.services)
        for (const status of history) {
          const result = checkOfStatus(sha, status, service);
          if (result) add(result);
        }
    }
  }
  sync.checks.push(...results.values());
}
