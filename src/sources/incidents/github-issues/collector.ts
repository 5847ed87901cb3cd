import type { ConfigFile } from "../../../config/schema.ts";
import type { Env } from "../../../config/secrets.ts";
import { errorMessage } from "../../../domain/error-message.ts";
import { fieldPath } from "../../../import/field-path.ts";
import type { Logger } from "../../../logger.ts";
import type { Collector } from "../../collector.ts";
import { type GitHubAuth, githubAuthFromEnv } from "../../github/auth.ts";
import { createGitHubClient, type GitHubClient } from "../../github/client.ts";
import { githubConfig } from "../../github/config.ts";
import { after, latest } from "../../github/cursor.ts";
import { repoTargets } from "../../github/targets.ts";
import type { IncidentCandidate } from "../candidate.ts";
import { type IncidentUnit, incidentCollector } from "../incident-collector.ts";
import type { GithubIssuesSourceConfig } from "./config.ts";
import { type Issue, issueCandidate, issueList } from "./normalize.ts";

// The `github_issues` source: issues labelled as incidents in every catalogue
// repository, through the GitHub client the GitHub source uses (same credentials,
// conditional requests, rate-limit handling). Per repository the cursor is the newest
// updated_at read, a value GitHub reported, so an unchanged repository repeats its URLs
// and is answered 304. One listing per label: GitHub's `labels` filter means all of them.

export const GITHUB_ISSUES_SOURCE = "github_issues";

interface IssuesCursor {
  through?: string;
}

/** Issues of one label, or none when the repository has issues turned off (GitHub: 410). */
async function listIssues(
  octokit: GitHubClient,
  repository: string,
  label: string,
  since: string,
  logger: Logger,
): Promise<Issue[]> {
  const [owner = "", repo = ""] = repository.split("/");
  let raw: unknown;
  try {
    raw = await octokit.paginate("GET /repos/{owner}/{repo}/issues", {
      owner,
      repo,
      labels: label,
      state: "all",
      since,
      sort: "updated",
      direction: "desc",
      per_page: 100,
    });
  } catch (error) {
    if ((error as { status?: number }).status !== 410) throw error;
    logger.warn("GitHub issues are turned off for a catalogue repository", { repository });
    return [];
  }
  const parsed = issueList.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = `issues${fieldPath(issue?.path ?? [])}`;
  throw new Error(
    `GET /repos/${repository}/issues: unexpected answer: ${field}: ${issue?.message}`,
  );
}

function repositoryUnit(
  octokit: GitHubClient,
  repository: string,
  labels: readonly string[],
  logger: Logger,
): IncidentUnit {
  return {
    key: repository.toLowerCase(),
    what: `${repository} issues`,
    async sync(stored, { historyStart }) {
      const cursor = (stored ?? {}) as IssuesCursor;
      const since = cursor.through ?? new Date(historyStart).toISOString();
      const candidates: IncidentCandidate[] = [];
      let through = cursor.through;
      for (const label of labels)
        for (const issue of await listIssues(octokit, repository, label, since, logger)) {
          const candidate = issueCandidate(issue, repository);
          if (candidate) candidates.push(candidate);
          if (after(issue.updated_at, through)) through = latest(through, issue.updated_at);
        }
      return { candidates, cursor: { ...(through !== undefined && { through }) } };
    },
  };
}

/** The GitHub source's credentials, with an error that names this source. */
export function githubIssuesAuth(env: Env): GitHubAuth {
  try {
    return githubAuthFromEnv(env);
  } catch (error) {
    const message = errorMessage(error);
    throw new Error(message.replace(/^sources\.github\b/, "sources.github_issues"));
  }
}

export function githubIssuesCollector(
  config: ConfigFile,
  source: GithubIssuesSourceConfig,
  auth: GitHubAuth,
  options: { retryAfterBaseValue?: number } = {},
): Collector {
  const baseUrl = source.base_url ?? githubConfig.of(config)?.base_url ?? "https://api.github.com";
  const repositories = repoTargets(config).map((t) => t.repository);
  return incidentCollector(config, {
    name: GITHUB_ISSUES_SOURCE,
    intervalMs: source.interval,
    historyDays: source.history_days,
    units(deps) {
      const octokit = createGitHubClient({
        baseUrl,
        auth,
        cache: deps.store.httpCache,
        observer: deps.api,
        logger: deps.logger,
        ...(options.retryAfterBaseValue !== undefined && {
          retryAfterBaseValue: options.retryAfterBaseValue,
        }),
      });
      return repositories.map((r) => repositoryUnit(octokit, r, source.labels, deps.logger));
    },
  });
}
