// startFakeGitHub: an express server on 127.0.0.1 (ephemeral port) feeding every request
// through the pipeline, then writing rate-limit headers that reflect the quota spent.
import { once } from "node:events";
import { STATUS_CODES } from "node:http";
import type { AddressInfo } from "node:net";
import express, { type Request, type Response } from "express";
import { Credentials } from "./auth.ts";
import { Templates } from "./fixtures.ts";
import type { FakeGitHub, FakeGitHubOptions, RequestLogEntry } from "./index.ts";
import { Injections, primaryExhausted, RateLimits, secondaryLimit } from "./limits.ts";
import { type Incoming, type Pipeline, resourceOf, run } from "./pipeline.ts";
import { buildRouter } from "./routes.ts";
import { DOCS } from "./util.ts";

export async function startFakeGitHub(options: FakeGitHubOptions): Promise<FakeGitHub> {
  const prefix = (options.pathPrefix ?? "").replace(/\/+$/, "");
  const graphqlPath = prefix === "" ? "/graphql" : "/api/graphql";
  const limits = new RateLimits(options.rateLimit ?? 5000);
  const credentials = new Credentials(options.token ?? "test-token", options.app);
  const injections = new Injections();
  let templates = new Templates("");

  const fake: FakeGitHub = {
    url: "",
    graphqlUrl: "",
    org: options.org,
    requests: [],
    resetLog: () => {
      fake.requests.length = 0;
    },
    quotaUsed: () => fake.requests.reduce((sum, entry) => sum + entry.quota, 0),
    failSecondaryRateLimit: (pattern, count, retryAfter, status = 403) =>
      injections.add(pattern, count, () => secondaryLimit(retryAfter, status)),
    failPrimaryRateLimit: (pattern, count, resetIn) =>
      injections.add(pattern, count, (headers) => primaryExhausted(headers, resetIn)),
    failServerError: (pattern, count, status = 502) =>
      injections.add(pattern, count, () => ({
        status,
        body: { message: STATUS_CODES[status] ?? "Server Error", documentation_url: DOCS },
        headers: {},
      })),
    close: async () => {},
  };
  const pipeline: Pipeline = {
    org: () => fake.org,
    templates: () => templates,
    apiBase: () => fake.url,
    router: buildRouter(limits, credentials),
    limits,
    credentials,
    injections,
  };

  function handle(req: Request, res: Response): void {
    const url = new URL(req.originalUrl, "http://fake.invalid");
    const graphql = url.pathname === graphqlPath;
    const underPrefix = graphql || prefix === "" || url.pathname.startsWith(`${prefix}/`);
    const request: Incoming = {
      method: req.method,
      path: graphql ? "/graphql" : url.pathname.slice(underPrefix ? prefix.length : 0),
      query: url.searchParams,
      graphql,
      underPrefix,
      authorization: req.headers.authorization,
      ifNoneMatch: req.headers["if-none-match"],
      body: req.body,
    };
    const outcome = run(pipeline, request);
    limits.spend(resourceOf(request), outcome.quota);
    const entry: RequestLogEntry = {
      method: req.method,
      path: request.path,
      query: url.search.slice(1),
      status: outcome.status,
      conditional: request.ifNoneMatch !== undefined,
      quota: outcome.quota,
      graphql,
    };
    fake.requests.push(entry);
    res.status(outcome.status).set({ ...limits.headers(resourceOf(request)), ...outcome.headers });
    if (outcome.body === undefined) {
      res.end();
      return;
    }
    const text = typeof outcome.body === "string" ? outcome.body : JSON.stringify(outcome.body);
    res.type("application/json; charset=utf-8").end(text);
  }

  const app = express();
  app.disable("x-powered-by");
  app.set("etag", false);
  app.use(express.json({ limit: "10mb" }));
  app.use(handle);
  app.use((_error: unknown, _req: Request, res: Response, _next: unknown) => {
    res.status(400).json({ message: "Problems parsing JSON", documentation_url: DOCS });
  });
  const server = app.listen(0, "127.0.0.1");
  await once(server, "listening");
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.url = `${origin}${prefix}`;
  fake.graphqlUrl = `${origin}${graphqlPath}`;
  templates = new Templates(fake.url);
  fake.close = async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve, reject) =>
      server.close((error) => (error ? reject(error) : resolve())),
    );
  };
  return fake;
}
