import type { Change } from "../../domain/records.ts";
import { pullId } from "./normalize/pulls.ts";
import { type RepoTarget, scopedId } from "./targets.ts";

// Which changes a production deployment ships, from git ancestry: the commits between the
// previous production deployment's commit and this one's (GitHub's compare), each traced
// to the pull request that merged it, or else a direct push that is a change of its own.
// A deployment whose commit is an ancestor of the previous one is a rollback of it.

export interface CompareCommit {
  sha: string;
  authoredAt: number;
  committedAt: number;
  author?: string;
  title: string;
}

export interface Comparison {
  status: "ahead" | "behind" | "identical" | "diverged";
  commits: CompareCommit[];
}

/** The pull request number that brought a commit to the deploy branch, or undefined for a direct push. */
export type PullOfCommit = (sha: string) => number | undefined;

export interface Shipment {
  changes: string[];
  rollbackOf?: string;
  directPushes: Change[];
}

export function directPushId(target: RepoTarget, sha: string): string {
  return `${target.repository}@${sha}`;
}

export function shipment(
  target: RepoTarget,
  service: string,
  previousId: string,
  comparison: Comparison,
  pullOf: PullOfCommit,
): Shipment {
  if (comparison.status === "behind")
    return { changes: [], rollbackOf: previousId, directPushes: [] };
  const changes: string[] = [];
  const directPushes: Change[] = [];
  for (const commit of comparison.commits) {
    const number = pullOf(commit.sha);
    const id =
      number === undefined
        ? scopedId(target, directPushId(target, commit.sha), service)
        : scopedId(target, pullId(target, number), service);
    if (changes.includes(id)) continue;
    changes.push(id);
    if (number !== undefined) continue;
    directPushes.push({
      id,
      service,
      // A direct push is merged when it lands on the branch: its commit time.
      mergedAt: commit.committedAt,
      title: commit.title,
      labels: [],
      ...(commit.author && { author: commit.author }),
      mergeCommitSha: commit.sha,
      commits: [{ sha: commit.sha, authoredAt: commit.authoredAt }],
      linkedItems: (commit.title.match(/\b[A-Z][A-Z0-9]+-\d+\b/g) ?? []).map((id) => ({ id })),
      approvals: [],
    });
  }
  return { changes, directPushes };
}
