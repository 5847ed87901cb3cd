import { setTimeout as sleep } from "node:timers/promises";
import type { z } from "zod";
import { errorMessage } from "../../domain/error-message.ts";
import { fieldPath } from "../../import/field-path.ts";
import type { Logger } from "../../logger.ts";
import type { HttpCache } from "../../store/http-cache.ts";
import { conditionalFetch, type FetchObserver } from "../github/conditional-fetch.ts";
import {
  type Experiment,
  type ExperimentResults,
  experimentsPage,
  metricsPage,
  resultsResponse,
} from "./api.ts";

// GrowthBook's REST API over the shared conditional fetch: every exchange counted, unchanged
// answers replayed from their ETag. GrowthBook allows 60 requests a minute; a 429 is waited
// out as its Retry-After says, 5xx and network errors are retried with back-off.

export interface GrowthbookClientOptions {
  baseUrl: string;
  apiKey: string;
  cache: HttpCache;
  observer: FetchObserver;
  logger: Logger;
  /** First back-off in ms, doubled per retry; tests shrink it. */
  retryBaseMs?: number;
  maxRetries?: number;
  /** Longest wait honoured for one 429; default 15 minutes. */
  maxWaitMs?: number;
}

const PAGE = 100;

type Page<K extends string, T> = { [P in K]: T[] } & {
  hasMore: boolean;
  nextOffset?: number | null | undefined;
};

/** A 429 waits as its Retry-After says (a minute without one); other failures back off. */
function waitMs(response: Response | undefined, backoff: number): number {
  if (response?.status !== 429) return backoff;
  const seconds = Number(response.headers.get("retry-after") ?? Number.NaN);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : 60_000;
}

/** Accepts the API host, or a base already ending in /api or /api/v1. */
export function apiRoot(baseUrl: string): string {
  return `${baseUrl.replace(/\/+$/, "").replace(/\/api(\/v1)?$/, "")}/api/v1`;
}

export function growthbookClient(options: GrowthbookClientOptions) {
  const { logger, retryBaseMs = 1000, maxRetries = 5, maxWaitMs = 900_000 } = options;
  const root = apiRoot(options.baseUrl);
  const observer: FetchObserver = options.observer;
  const fetcher = conditionalFetch({ cache: options.cache, observer });
  const headers = { authorization: `Bearer ${options.apiKey}`, accept: "application/json" };

  async function exchange(url: string, what: string): Promise<Response> {
    for (let attempt = 0; ; attempt++) {
      let response: Response | undefined;
      let failure: string;
      try {
        response = await fetcher(url, { headers });
        const remaining = Number(response.headers.get("ratelimit-remaining") ?? Number.NaN);
        if (Number.isFinite(remaining)) observer.rateLimitRemaining(remaining);
        if (response.status !== 429 && response.status < 500) return response;
        failure = `${response.status} ${response.statusText}`.trim();
      } catch (error) {
        failure = errorMessage(error);
      }
      const wait = waitMs(response, retryBaseMs * 2 ** attempt);
      if (attempt >= maxRetries || wait > maxWaitMs)
        throw new Error(`${what}: ${failure} after ${attempt + 1} tries`);
      logger.warn("GrowthBook request retried", { request: what, reason: failure, wait_ms: wait });
      await sleep(wait);
    }
  }

  /** The answer parsed by schema; undefined for 400/404 when `missingOk` (no such resource yet). */
  async function read<T>(
    path: string,
    schema: z.ZodType<T>,
    missingOk: boolean,
  ): Promise<T | undefined> {
    const what = `GrowthBook GET ${path.split("?")[0]}`;
    const response = await exchange(`${root}${path}`, what);
    const text = await response.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new Error(`${what}: ${response.status}, not JSON: ${text.slice(0, 80)}`);
    }
    const message = (body as { message?: unknown } | null)?.message;
    if (missingOk && (response.status === 400 || response.status === 404)) {
      logger.info("GrowthBook has no such resource", { request: what, message: String(message) });
      return undefined;
    }
    if (!response.ok)
      throw new Error(`${what}: ${response.status}: ${message ?? response.statusText}`);
    const parsed = schema.safeParse(body);
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0];
    const at = fieldPath(issue?.path ?? []) || "(body)";
    throw new Error(`${what}: unexpected answer at ${at}: ${issue?.message}`);
  }

  /** Every item of an offset-paginated list. */
  async function all<K extends string, T>(path: string, schema: z.ZodType<Page<K, T>>, key: K) {
    const items: T[] = [];
    for (let offset: number | undefined = 0; offset !== undefined; ) {
      const page = (await read(`${path}?limit=${PAGE}&offset=${offset}`, schema, false)) as Page<
        K,
        T
      >;
      items.push(...page[key]);
      const next: number = page.nextOffset ?? offset + page[key].length;
      // A page claiming more but moving nowhere would loop forever.
      offset = page.hasMore && next > offset ? next : undefined;
    }
    return items;
  }

  return {
    experiments: (): Promise<Experiment[]> => all("/experiments", experimentsPage, "experiments"),
    async revenueMetrics(): Promise<string[]> {
      const metrics = await all("/metrics", metricsPage, "metrics");
      return metrics.filter((m) => m.type === "revenue").map((m) => m.id);
    },
    async results(id: string): Promise<ExperimentResults | undefined> {
      const path = `/experiments/${encodeURIComponent(id)}/results`;
      const answer = await read(path, resultsResponse, true);
      return answer?.result ?? undefined;
    },
  };
}

export type GrowthbookClient = ReturnType<typeof growthbookClient>;
