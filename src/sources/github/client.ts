import { retry } from "@octokit/plugin-retry";
import { throttling } from "@octokit/plugin-throttling";
import { Octokit } from "@octokit/rest";
import type { Logger } from "../../logger.ts";
import type { HttpCache } from "../../store/http-cache.ts";
import { type GitHubAuth, octokitAuth } from "./auth.ts";
import { conditionalFetch, type FetchObserver } from "./conditional-fetch.ts";
import { GRAPHQL_SPACING_MS, spacedGroup } from "./query-spacing.ts";

// One Octokit per collector run: REST and GraphQL share the conditional, counted fetch,
// the throttling plugin (primary and secondary limits, retry-after) and the retry plugin
// (5xx and network errors). Waits longer than maxWaitSeconds are not slept through: the
// run fails, its cursors stay where they were, and the next run resumes from them.

const ThrottledOctokit = Octokit.plugin(throttling, retry);
export type GitHubClient = InstanceType<typeof ThrottledOctokit>;

export interface GitHubClientOptions {
  baseUrl: string;
  auth: GitHubAuth;
  cache: HttpCache;
  observer: FetchObserver;
  logger: Logger;
  /** Longest rate-limit wait honoured inside a run; default 15 minutes. */
  maxWaitSeconds?: number;
  /** Retries of one request after a rate limit; default 3. */
  maxRateLimitRetries?: number;
  /** Milliseconds per second of retry-after (tests shrink time); default 1000. */
  retryAfterBaseValue?: number;
  fetch?: typeof fetch;
  /** Milliseconds between GraphQL queries; default 100 (see query-spacing.ts). */
  graphqlSpacingMs?: number;
}

export function createGitHubClient(options: GitHubClientOptions): GitHubClient {
  const { logger, maxWaitSeconds = 900, maxRateLimitRetries = 3 } = options;
  const baseValue = options.retryAfterBaseValue ?? 1000;
  const onLimit =
    (kind: string) =>
    (retryAfter: number, request: { method: string; url: string }, _o: unknown, count: number) => {
      const retrying = count < maxRateLimitRetries && retryAfter <= maxWaitSeconds;
      logger.warn(`GitHub ${kind} rate limit`, {
        request: `${request.method} ${request.url}`,
        retry_after_s: retryAfter,
        action: retrying ? "waiting" : "giving up until the next run",
      });
      return retrying;
    };
  return new ThrottledOctokit({
    ...octokitAuth(options.auth),
    baseUrl: options.baseUrl.replace(/\/+$/, ""),
    userAgent: "kpi-exporter",
    request: {
      fetch: conditionalFetch({
        cache: options.cache,
        observer: options.observer,
        ...(options.fetch && { fetch: options.fetch }),
      }),
    },
    headers: { "x-github-api-version": "2022-11-28" },
    throttle: {
      onRateLimit: onLimit("primary"),
      onSecondaryRateLimit: onLimit("secondary"),
      retryAfterBaseValue: baseValue,
      // Only key().schedule() of the group is used by the plugin; see query-spacing.ts.
      write: spacedGroup(options.graphqlSpacingMs ?? GRAPHQL_SPACING_MS) as never,
    },
    retry: { retryAfterBaseValue: baseValue },
    log: {
      debug: () => {},
      info: () => {},
      warn: (message: string) => logger.warn(message),
      error: (message: string) => logger.error(message),
    },
  });
}
