import { setTimeout as sleep } from "node:timers/promises";
import type { z } from "zod";
import { fieldPath } from "../../import/field-path.ts";
import type { Logger } from "../../logger.ts";
import type { ApiOutcome } from "../../vocabulary/api-outcomes.ts";
import type { FetchObserver } from "../github/conditional-fetch.ts";
import { upstreamFetch } from "../upstream-fetch.ts";

// The small fetch client the incident tools share: JSON GETs with the tool's auth
// header, every exchange counted by outcome, 429s waited out (the wait the API names,
// else exponential back-off), 5xx and network errors retried, and each answer checked
// against the documented shape so a surprise names its field instead of crashing later.

export interface JsonClientOptions {
  /** Tool name for messages: "Opsgenie", "PagerDuty". */
  tool: string;
  baseUrl: string;
  headers: Record<string, string>;
  observer: FetchObserver;
  logger: Logger;
  /** First back-off in ms, doubled per retry; tests shrink it. Default 1000. */
  retryBaseMs?: number;
  maxRetries?: number;
  /** Longest single wait honoured inside a run; default 15 minutes. */
  maxWaitMs?: number;
}

export type Query = Record<string, string | number | readonly string[] | undefined>;

export interface JsonClient {
  /** GET a path under the base URL, or an absolute URL (a paging link). */
  get<T>(path: string, schema: z.ZodType<T>, query?: Query): Promise<T>;
  /** The same, but undefined on 404. */
  find<T>(path: string, schema: z.ZodType<T>, query?: Query): Promise<T | undefined>;
}

function outcomeOf(status: number): ApiOutcome {
  if (status === 429) return "rate_limited";
  return status >= 400 ? "error" : "ok";
}

/** Seconds to wait as the API says: Retry-After, or PagerDuty's ratelimit-reset. */
function namedWaitMs(headers: Headers): number | undefined {
  for (const name of ["retry-after", "ratelimit-reset"]) {
    const seconds = Number(headers.get(name) ?? Number.NaN);
    if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  }
  return undefined;
}

function messageOf(body: unknown): string | undefined {
  const b = body as {
    message?: unknown;
    error?: { message?: unknown };
    errors?: { title?: unknown; message?: unknown }[];
  } | null;
  const text = b?.message ?? b?.error?.message ?? b?.errors?.[0]?.message ?? b?.errors?.[0]?.title;
  return typeof text === "string" ? text : undefined;
}

function urlOf(base: string, path: string, query: Query = {}): URL {
  const url = /^https?:\/\//.test(path) ? new URL(path) : new URL(base.replace(/\/+$/, "") + path);
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) url.searchParams.append(key, String(v));
  }
  return url;
}

export function createJsonClient(options: JsonClientOptions): JsonClient {
  const { tool, observer, logger, retryBaseMs = 1000, maxRetries = 4 } = options;
  const maxWaitMs = options.maxWaitMs ?? 900_000;

  async function exchange(url: URL): Promise<Response> {
    const what = `${tool} GET ${url.pathname}`;
    for (let attempt = 0; ; attempt++) {
      let response: Response | undefined;
      let failure: string;
      try {
        response = await upstreamFetch(url, {
          headers: { accept: "application/json", ...options.headers },
        });
        observer.request(outcomeOf(response.status));
        const remaining = Number(
          response.headers.get("ratelimit-remaining") ??
            response.headers.get("x-ratelimit-remaining") ??
            Number.NaN,
        );
        if (Number.isFinite(remaining)) observer.rateLimitRemaining(remaining);
        if (response.status !== 429 && response.status < 500) return response;
        failure = `${response.status} from ${url.host}`;
      } catch (error) {
        observer.request("error");
        failure = `${error instanceof Error ? error.message : error} (${url.host})`;
      }
      const backoff = retryBaseMs * 2 ** attempt;
      const named = response?.status === 429 ? namedWaitMs(response.headers) : undefined;
      const wait = named ?? backoff;
      if (attempt >= maxRetries || wait > maxWaitMs)
        throw new Error(`${what}: ${failure} after ${attempt + 1} tries`);
      logger.warn(`${tool} request retried`, { request: what, reason: failure, wait_ms: wait });
      await sleep(wait);
    }
  }

  async function read<T>(
    path: string,
    schema: z.ZodType<T>,
    query: Query | undefined,
    optional: boolean,
  ) {
    const url = urlOf(options.baseUrl, path, query);
    const what = `${tool} GET ${url.pathname}`;
    const response = await exchange(url);
    if (optional && response.status === 404) return undefined;
    const text = await response.text();
    let body: unknown;
    try {
      body = text === "" ? undefined : JSON.parse(text);
    } catch {
      throw new Error(
        `${what}: ${response.status} from ${url.host}, not JSON: ${text.slice(0, 80)}`,
      );
    }
    if (!response.ok)
      throw new Error(
        `${what}: ${response.status} from ${url.host}: ${messageOf(body) ?? response.statusText}`,
      );
    const parsed = schema.safeParse(body);
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0];
    throw new Error(
      `${what}: unexpected answer: ${fieldPath(issue?.path ?? []) || "(body)"}: ${issue?.message}`,
    );
  }

  return {
    async get<T>(path: string, schema: z.ZodType<T>, query?: Query): Promise<T> {
      return (await read(path, schema, query, false)) as T;
    },
    find: (path, schema, query) => read(path, schema, query, true),
  };
}
