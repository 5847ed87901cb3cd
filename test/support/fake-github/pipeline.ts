// One pipeline for every request (auth, injected failures, primary limit, routing,
// ETag/304, quota) so each route behaves like GitHub in the same ways. It decides the
// outcome; the server writes it and logs it.
import { Credentials } from "./auth.ts";
import type { Templates } from "./fixtures.ts";
import { executeGraphql } from "./graphql.ts";
import {
  type Canned,
  type Injections,
  primaryExhausted,
  type RateLimits,
  type Resource,
} from "./limits.ts";
import type { FakeOrg } from "./model.ts";
import type { Router } from "./router.ts";
import { DOCS, HttpError, notFound, sha1 } from "./util.ts";

export interface Incoming {
  method: string;
  /** Path after pathPrefix ("/graphql" for the GraphQL endpoint), query excluded. */
  path: string;
  query: URLSearchParams;
  graphql: boolean;
  /** False when a pathPrefix is configured and the path lies outside it. */
  underPrefix: boolean;
  authorization: string | undefined;
  ifNoneMatch: string | undefined;
  body: unknown;
}

export interface Outcome extends Canned {
  /** Primary quota spent (0 or 1). */
  quota: number;
}

export interface Pipeline {
  org: () => FakeOrg;
  templates: () => Templates;
  apiBase: () => string;
  router: Router;
  limits: RateLimits;
  credentials: Credentials;
  injections: Injections;
}

/** Whether an If-None-Match list names this ETag; GitHub compares weakly. */
function matchesEtag(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  const bare = (tag: string) => tag.trim().replace(/^W\//, "");
  return header.split(",").some((tag) => tag.trim() === "*" || bare(tag) === bare(etag));
}

export const resourceOf = (request: Incoming): Resource => (request.graphql ? "graphql" : "core");

/** /rate_limit and App-JWT calls cost nothing, as on GitHub. */
export const isFree = (request: Incoming): boolean =>
  request.path === "/rate_limit" || request.path.startsWith("/app/");

function decide(p: Pipeline, request: Incoming): Outcome {
  const resource = resourceOf(request);
  const credential = Credentials.credential(request.authorization);
  if (request.path.startsWith("/app/")) p.credentials.verifyAppJwt(credential);
  else if (!p.credentials.acceptsToken(credential)) throw new HttpError(401, "Bad credentials");
  const injected = p.injections.take(request.path);
  if (injected !== undefined) return { ...injected(p.limits.headers(resource)), quota: 0 };
  if (!request.underPrefix) throw notFound();
  if (!isFree(request) && p.limits.exhausted(resource)) {
    const resetIn = p.limits.snapshot(resource).reset - Math.floor(Date.now() / 1000);
    return { ...primaryExhausted(p.limits.headers(resource), resetIn), quota: 0 };
  }
  if (request.graphql) {
    if (request.method !== "POST") throw notFound();
    // rateLimit in the answer already counts this query, as GitHub's does.
    const rate = () => {
      const now = p.limits.snapshot("graphql");
      return { ...now, used: now.used + 1, remaining: Math.max(0, now.remaining - 1) };
    };
    return {
      status: 200,
      body: executeGraphql(p.org(), request.body, rate),
      headers: {},
      quota: 1,
    };
  }
  const match = p.router.match(request.method, request.path);
  if (match === null) throw notFound();
  const reply = match.handler({
    method: request.method,
    rawPath: request.path,
    params: match.params,
    query: request.query,
    body: request.body,
    org: p.org(),
    tpl: p.templates(),
    apiBase: p.apiBase(),
  });
  const status = reply.status ?? 200;
  const headers = reply.headers ?? {};
  const quota = isFree(request) ? 0 : 1;
  const text = JSON.stringify(reply.body);
  if (request.method !== "GET" || status !== 200 || quota === 0) {
    return { status, body: text, headers, quota };
  }
  const etag = `W/"${sha1(text)}"`;
  if (matchesEtag(request.ifNoneMatch, etag)) {
    return { status: 304, body: undefined, headers: { etag }, quota: 0 };
  }
  return { status: 200, body: text, headers: { ...headers, etag }, quota: 1 };
}

/** The outcome of a request; handler errors become GitHub's `{message}` bodies. */
export function run(p: Pipeline, request: Incoming): Outcome {
  try {
    return decide(p, request);
  } catch (error) {
    if (!(error instanceof HttpError)) {
      console.error("fake-github handler failed", error);
      return { status: 500, body: { message: "Server Error" }, headers: {}, quota: 0 };
    }
    const quota = error.status === 401 || isFree(request) ? 0 : 1;
    const body = { message: error.message, documentation_url: DOCS };
    return { status: error.status, body, headers: {}, quota };
  }
}
