import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";

// A local GrowthBook REST API (v1) on 127.0.0.1, answering from the documented shapes in
// test/fixtures/growthbook: Bearer auth, offset pagination ({limit, offset, count, total,
// hasMore, nextOffset}), `{ result }` for results and GrowthBook's 400 `{ message }` when an
// experiment has no snapshot, weak ETags and 304s as Express sends them, and 429s on demand.

const FIXTURES = fileURLToPath(new URL("../fixtures/growthbook/", import.meta.url));
const load = (name: string): unknown => JSON.parse(readFileSync(`${FIXTURES}${name}`, "utf8"));

export interface FakeGrowthbookRequest {
  path: string;
  status: number;
}

export interface FakeGrowthbook {
  url: string;
  experiments: Record<string, unknown>[];
  results: Record<string, unknown>;
  requests: FakeGrowthbookRequest[];
  /** The next `count` requests whose path matches answer 429 with Retry-After: 0. */
  rateLimit(pattern: RegExp, count: number): void;
  close(): Promise<void>;
}

export async function startFakeGrowthbook(options: { apiKey: string; pageSize?: number }) {
  const experiments = load("experiments.json") as Record<string, unknown>[];
  const results = load("results.json") as Record<string, unknown>;
  const metrics = load("metrics.json") as unknown[];
  const requests: FakeGrowthbookRequest[] = [];
  const limited: { pattern: RegExp; left: number }[] = [];
  const maxPage = options.pageSize ?? 100;

  function page(key: string, items: unknown[], query: URLSearchParams) {
    const limit = Math.min(Number(query.get("limit") ?? 10), maxPage);
    const offset = Number(query.get("offset") ?? 0);
    const slice = items.slice(offset, offset + limit);
    const hasMore = offset + limit < items.length;
    const pagination = { limit, offset, count: slice.length, total: items.length, hasMore };
    return { [key]: slice, ...pagination, nextOffset: hasMore ? offset + limit : null };
  }

  function answer(path: string, query: URLSearchParams): [number, unknown] {
    if (path === "/api/v1/experiments") return [200, page("experiments", experiments, query)];
    if (path === "/api/v1/metrics") return [200, page("metrics", metrics, query)];
    const m = /^\/api\/v1\/experiments\/([^/]+)\/results$/.exec(path);
    if (m) {
      const id = decodeURIComponent(m[1] as string);
      if (!experiments.some((e) => e.id === id))
        return [400, { message: "Could not find experiment with that id" }];
      const result = results[id];
      return result ? [200, result] : [400, { message: "No results found for that experiment" }];
    }
    return [404, { message: "Unknown API endpoint" }];
  }

  function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? "/", "http://localhost");
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      requests.push({ path: url.pathname, status });
      res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
      res.end(status === 304 ? undefined : JSON.stringify(body));
    };
    if (req.headers.authorization !== `Bearer ${options.apiKey}`)
      return send(401, { message: "Invalid API key" });
    const limit = limited.find((l) => l.left > 0 && l.pattern.test(url.pathname));
    if (limit) {
      limit.left--;
      return send(429, { message: "Too many requests" }, { "retry-after": "0" });
    }
    const [status, body] = answer(url.pathname, url.searchParams);
    const etag = `W/"${createHash("sha1").update(JSON.stringify(body)).digest("base64url")}"`;
    if (status === 200 && req.headers["if-none-match"] === etag)
      return send(304, undefined, { etag });
    send(status, body, status === 200 ? { etag } : {});
  }

  const server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const fake: FakeGrowthbook = {
    url: `http://127.0.0.1:${port}`,
    experiments,
    results,
    requests,
    rateLimit: (pattern, count) => void limited.push({ pattern, left: count }),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  return fake;
}
