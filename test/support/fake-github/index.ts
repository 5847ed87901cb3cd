// A local fake of the GitHub REST and GraphQL APIs over an in-memory organisation, for
// syncing the exporter's real octokit client over real HTTP in tests and benchmarks.
import type { AppOptions } from "./auth.ts";
import type { FakeOrg } from "./model.ts";

export type * from "./model.ts";
export { startFakeGitHub } from "./server.ts";

export interface FakeGitHubOptions {
  org: FakeOrg;
  /** Accepted as "authorization: token <t>" or "Bearer <t>"; default "test-token". */
  token?: string;
  /**
   * GitHub App: POST /app/installations/{id}/access_tokens with an RS256 JWT (iss = appId)
   * signed by the matching private key returns {token, expires_at}; that token then works.
   */
  app?: AppOptions;
  /** e.g. "/api/v3" to mimic GitHub Enterprise Server; GraphQL then lives at /api/graphql. */
  pathPrefix?: string;
  /** Primary limit per hour for each of core and graphql; default 5000. */
  rateLimit?: number;
}

export interface RequestLogEntry {
  method: string;
  /** Path without pathPrefix and query; GraphQL requests log "/graphql" either way. */
  path: string;
  /** Query string without the "?". */
  query: string;
  status: number;
  /** Carried If-None-Match. */
  conditional: boolean;
  /** 1 when it spent primary quota; 0 for 304s, 401s, /rate_limit, app-JWT calls and injected failures. */
  quota: number;
  graphql: boolean;
}

export interface FakeGitHub {
  /** Base URL to give octokit: http://127.0.0.1:PORT plus any pathPrefix. */
  url: string;
  /** The GraphQL endpoint, for clients that take it separately. */
  graphqlUrl: string;
  /** Mutable: responses are derived from it on every request. */
  org: FakeOrg;
  requests: RequestLogEntry[];
  resetLog(): void;
  /** Sum of quota in the log since start or the last resetLog(). */
  quotaUsed(): number;
  /**
   * The next `count` requests whose path matches answer 403 (or 429 when given) with
   * retry-after and GitHub's secondary-rate-limit message; x-ratelimit-remaining is not 0.
   */
  failSecondaryRateLimit(
    pathPattern: RegExp,
    count: number,
    retryAfterSeconds: number,
    status?: 403 | 429,
  ): void;
  /** The next `count` matching requests answer 403 with x-ratelimit-remaining 0, reset now + resetInSeconds. */
  failPrimaryRateLimit(pathPattern: RegExp, count: number, resetInSeconds: number): void;
  /** The next `count` matching requests answer `status` (default 502) with a JSON message. */
  failServerError(pathPattern: RegExp, count: number, status?: number): void;
  close(): Promise<void>;
}
