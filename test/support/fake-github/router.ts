// A minimal route table. Handlers are pure functions of the request and the model, which
// keeps auth, rate limits, ETags and logging in one place (the server) for every route.
import type { Templates } from "./fixtures.ts";
import type { FakeOrg, FakeRepo } from "./model.ts";
import type { Page } from "./paging.ts";
import { notFound } from "./util.ts";

export interface Ctx {
  method: string;
  /** Path after any pathPrefix, still percent-encoded (used to build Link URLs). */
  rawPath: string;
  /** Decoded path parameters. */
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  org: FakeOrg;
  tpl: Templates;
  /** Absolute base of REST URLs: origin plus pathPrefix. */
  apiBase: string;
}

export interface Reply {
  status?: number;
  body: unknown;
  headers?: Record<string, string>;
}

export type Handler = (ctx: Ctx) => Reply;

interface Route {
  method: string;
  pattern: RegExp;
  names: string[];
  handler: Handler;
}

export class Router {
  private readonly routes: Route[] = [];

  /** `pattern` uses `:name` segments; `{base}...{head}` style params are split by handlers. */
  add(method: string, pattern: string, handler: Handler): this {
    const names: string[] = [];
    const source = pattern
      .split("/")
      .map((segment) => {
        if (!segment.startsWith(":")) return segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
        names.push(segment.slice(1));
        return "([^/]+)";
      })
      .join("/");
    this.routes.push({ method, pattern: new RegExp(`^${source}/?$`), names, handler });
    return this;
  }

  match(method: string, path: string): { handler: Handler; params: Record<string, string> } | null {
    for (const route of this.routes) {
      if (route.method !== method) continue;
      const found = route.pattern.exec(path);
      if (found === null) continue;
      const params: Record<string, string> = {};
      route.names.forEach((name, index) => {
        params[name] = decodeURIComponent(found[index + 1] ?? "");
      });
      return { handler: route.handler, params };
    }
    return null;
  }
}

/** The repository named by `:owner/:repo`; GitHub matches names case-insensitively. */
export function repoOf(ctx: Ctx): FakeRepo {
  const owner = ctx.params.owner?.toLowerCase();
  const name = ctx.params.repo?.toLowerCase();
  const repo = ctx.org.repos.find(
    (candidate) => candidate.owner.toLowerCase() === owner && candidate.name.toLowerCase() === name,
  );
  if (repo === undefined) throw notFound();
  return repo;
}

export const fullName = (repo: FakeRepo): string => `${repo.owner}/${repo.name}`;

/** A list reply carrying the page's Link header when there is one. */
export function listReply(page: Page<unknown>, body: unknown = page.items): Reply {
  return { body, headers: page.link === undefined ? undefined : { link: page.link } };
}
