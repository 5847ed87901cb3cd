import type { HttpCache } from "../../store/http-cache.ts";
import type { ApiOutcome } from "../../vocabulary/api-outcomes.ts";
import { upstreamFetch } from "../upstream-fetch.ts";

// The fetch octokit uses, wrapped twice. Every GET replays the validator of its last 200
// as If-None-Match; a 304 (free of primary quota) is answered with the cached body as a
// 200, so paging and normalizing never know the difference. And every real HTTP exchange
// is counted by outcome, including each retry the plugins make, because they all cost.

export interface FetchObserver {
  request(outcome: ApiOutcome): void;
  rateLimitRemaining(remaining: number): void;
}

export interface ConditionalFetchOptions {
  cache: HttpCache;
  observer: FetchObserver;
  fetch?: typeof fetch;
}

function outcomeOf(response: Response): ApiOutcome {
  const { status } = response;
  if (status === 304) return "not_modified";
  if (status === 429) return "rate_limited";
  if (status === 403) {
    const limited =
      response.headers.get("x-ratelimit-remaining") === "0" || response.headers.has("retry-after");
    return limited ? "rate_limited" : "error";
  }
  return status >= 400 ? "error" : "ok";
}

function requestOf(input: RequestInfo | URL, init?: RequestInit): { url: string; method: string } {
  if (input instanceof Request) return { url: input.url, method: input.method.toUpperCase() };
  return { url: String(input), method: (init?.method ?? "GET").toUpperCase() };
}

/**
 * A constructed Response has an empty `url`; octokit's paginator parses it for lists
 * wrapped in an object (workflow runs, jobs), so the rebuilt answer keeps the real one.
 */
function withUrl(response: Response, url: string): Response {
  Object.defineProperty(response, "url", { value: url });
  return response;
}

export function conditionalFetch(options: ConditionalFetchOptions): typeof fetch {
  const { cache, observer } = options;
  const inner = options.fetch ?? upstreamFetch;
  return async (input, init) => {
    const { url, method } = requestOf(input, init);
    const cached = method === "GET" ? await cache.get(url) : undefined;
    const headers = new Headers(init?.headers);
    if (cached) headers.set("if-none-match", cached.etag);
    let response: Response;
    try {
      response = await inner(input, { ...init, headers });
    } catch (error) {
      observer.request("error");
      throw error;
    }
    observer.request(outcomeOf(response));
    const remaining = Number(response.headers.get("x-ratelimit-remaining") ?? Number.NaN);
    if (Number.isFinite(remaining)) observer.rateLimitRemaining(remaining);
    if (response.status === 304 && cached) {
      const replay = new Headers(response.headers);
      replay.set("content-type", "application/json; charset=utf-8");
      replay.set("etag", cached.etag);
      if (cached.link) replay.set("link", cached.link);
      return withUrl(
        new Response(cached.body, { status: 200, headers: replay }),
        response.url || url,
      );
    }
    const etag = response.headers.get("etag");
    if (method !== "GET" || response.status !== 200 || !etag) return response;
    const body = await response.text();
    const link = response.headers.get("link") ?? undefined;
    await cache.put(url, { etag, body, ...(link && { link }) });
    return withUrl(
      new Response(body, { status: 200, headers: response.headers }),
      response.url || url,
    );
  };
}
