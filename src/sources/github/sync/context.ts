import { errorMessage } from "../../../domain/error-message.ts";
import type { Change, CheckResult, Deployment, Vulnerability } from "../../../domain/records.ts";
import type { Logger } from "../../../logger.ts";
import type { GitHubClient } from "../client.ts";
import type { GithubSourceConfig } from "../config.ts";
import type { RepoCursor } from "../cursor.ts";
import type { RepoTarget } from "../targets.ts";

// Everything one repository's sync reads and accumulates. Steps add records here and
// move the cursor; nothing reaches the store until every step of the repository is done.

export interface RepoSync {
  octokit: GitHubClient;
  target: RepoTarget;
  /** The next cursor, edited in place from the stored one. */
  cursor: RepoCursor;
  deployBranch: string;
  production: RegExp;
  source: GithubSourceConfig;
  logger: Logger;
  /** Wall clock, only for expiring pending items (never in a request URL). */
  now: number;
  deployments: Deployment[];
  changes: Change[];
  checks: CheckResult[];
  vulnerabilities: Vulnerability[];
  /** Merged pull requests seen in this run: commit SHA → number (merge and branch commits). */
  pullOfCommit: Map<string, number>;
}

export function repoParams(sync: RepoSync) {
  return { owner: sync.target.owner, repo: sync.target.name };
}

/** GitHub answers 404 for a missing feature and 403 for one the token may not read. */
export function isUnavailable(error: unknown): boolean {
  const status = (error as { status?: number }).status;
  return status === 404 || status === 403;
}

/** Adds what failed to an error, keeping the original as its cause. */
export function withContext(what: string, error: unknown): Error {
  const status = (error as { status?: number }).status;
  const message = errorMessage(error);
  return new Error(`${what}: ${status ? `${status} ` : ""}${message}`, { cause: error });
}
