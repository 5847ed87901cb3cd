// Sorting the fake's request log into the collector's endpoints, so each can be set
// beside its minimum. The log does not keep GraphQL bodies, so a fetch wrapper reads which
// batched query each POST carried.
import type { RequestLogEntry } from "../test/support/fake-github/index.ts";

const ENDPOINTS: [string, RegExp][] = [
  ["pulls list", /^\/repos\/[^/]+\/[^/]+\/pulls$/],
  ["deployments list", /^\/repos\/[^/]+\/[^/]+\/deployments$/],
  ["workflow runs list", /^\/repos\/[^/]+\/[^/]+\/actions\/runs$/],
  ["run jobs", /\/actions\/runs\/\d+\/jobs$/],
  ["run approvals", /\/actions\/runs\/\d+\/approvals$/],
  ["pending run", /\/actions\/runs\/\d+$/],
  ["commits list and compare", /\/compare\/|^\/repos\/[^/]+\/[^/]+\/commits$/],
  ["alerts", /\/(dependabot|code-scanning|secret-scanning)\/alerts$/],
  // Classic protection, read from the branch or from its protection endpoint.
  ["branch protection", /^\/repos\/[^/]+\/[^/]+\/branches\/[^/]+(\/protection)?$/],
  ["rules", /\/rules\/branches\//],
  ["billing", /\/settings\/billing\/usage$/],
  ["repository", /^\/repos\/[^/]+\/[^/]+$/],
];

export function endpointOf(entry: RequestLogEntry): string {
  return ENDPOINTS.find(([, pattern]) => pattern.test(entry.path))?.[0] ?? entry.path;
}

export function countBy<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}

const QUERIES: [string, string][] = [
  ["pullRequest(number", "pull details"],
  ["nodes(ids", "deployment statuses"],
  ["associatedPullRequests", "commit pulls"],
  ["checkSuites", "commit checks"],
];

/** Counts GraphQL requests by query from here on; octokit reads globalThis.fetch per run. */
export function spyGraphqlQueries(): Record<string, number> {
  const counts: Record<string, number> = {};
  const inner = globalThis.fetch;
  globalThis.fetch = (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    if (url.endsWith("/graphql") && typeof init?.body === "string") {
      const kind = QUERIES.find(([marker]) => init.body?.toString().includes(marker))?.[1];
      counts[kind ?? "other"] = (counts[kind ?? "other"] ?? 0) + 1;
    }
    return inner(input, init);
  };
  return counts;
}

/** "name measured/minimum" for every key of either, minimum first in its order. */
export function sideBySide(
  measured: Record<string, number>,
  minimum: Record<string, number>,
): string {
  const keys = [...new Set([...Object.keys(minimum), ...Object.keys(measured)])];
  return keys.map((k) => `${k} ${measured[k] ?? 0}/${minimum[k] ?? 0}`).join(", ");
}

export const listed = (counts: Record<string, number>): string =>
  Object.entries(counts)
    .map(([k, n]) => `${k} ${n}`)
    .join(", ") || "none";
