// Rate-limit accounting (primary limits per resource, hourly windows) and the failure
// injections tests use to exercise a client's retry and back-off logic.
import { DOCS } from "./util.ts";

export type Resource = "core" | "graphql";

export interface Canned {
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

const HOUR_SECONDS = 3600;
const nowSeconds = () => Math.floor(Date.now() / 1000);

export class RateLimits {
  readonly limit: number;
  private readonly used: Record<Resource, number> = { core: 0, graphql: 0 };
  private resetAt = nowSeconds() + HOUR_SECONDS;

  constructor(limit: number) {
    this.limit = limit;
  }

  /** Starts a new window once the current one has passed, as GitHub's reset does. */
  private roll(): void {
    if (nowSeconds() < this.resetAt) return;
    this.used.core = 0;
    this.used.graphql = 0;
    this.resetAt = nowSeconds() + HOUR_SECONDS;
  }

  exhausted(resource: Resource): boolean {
    this.roll();
    return this.used[resource] >= this.limit;
  }

  spend(resource: Resource, points: number): void {
    this.roll();
    this.used[resource] += points;
  }

  snapshot(resource: Resource) {
    this.roll();
    const used = this.used[resource];
    return {
      limit: this.limit,
      used,
      remaining: Math.max(0, this.limit - used),
      reset: this.resetAt,
    };
  }

  headers(resource: Resource): Record<string, string> {
    const { limit, used, remaining, reset } = this.snapshot(resource);
    return {
      "x-ratelimit-limit": String(limit),
      "x-ratelimit-remaining": String(remaining),
      "x-ratelimit-used": String(used),
      "x-ratelimit-reset": String(reset),
      "x-ratelimit-resource": resource,
    };
  }
}

export function primaryExhausted(headers: Record<string, string>, resetInSeconds: number): Canned {
  return {
    status: 403,
    body: {
      message: "API rate limit exceeded for user ID 1.",
      documentation_url: `${DOCS}/overview/rate-limits-for-the-rest-api#about-primary-rate-limits`,
    },
    headers: {
      ...headers,
      "x-ratelimit-remaining": "0",
      "x-ratelimit-used": headers["x-ratelimit-limit"] ?? "0",
      "x-ratelimit-reset": String(nowSeconds() + resetInSeconds),
    },
  };
}

export function secondaryLimit(retryAfterSeconds: number, status: 403 | 429): Canned {
  return {
    status,
    body: {
      message:
        "You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID 0000:0000:0000000:0000000:00000000.",
      documentation_url: `${DOCS}/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits`,
    },
    headers: { "retry-after": String(retryAfterSeconds) },
  };
}

interface Injection {
  pattern: RegExp;
  remaining: number;
  /** Builds the response from the rate-limit headers the request would have carried. */
  reply: (headers: Record<string, string>) => Canned;
}

/** Queued failures, consumed first-registered first by matching request paths. */
export class Injections {
  private readonly queue: Injection[] = [];

  add(pattern: RegExp, count: number, reply: Injection["reply"]): void {
    // Global/sticky regexps keep lastIndex between tests; a plain copy matches reliably.
    const plain = new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, ""));
    if (count > 0) this.queue.push({ pattern: plain, remaining: count, reply });
  }

  take(path: string): Injection["reply"] | undefined {
    const found = this.queue.find((entry) => entry.remaining > 0 && entry.pattern.test(path));
    if (found === undefined) return undefined;
    found.remaining--;
    return found.reply;
  }
}
