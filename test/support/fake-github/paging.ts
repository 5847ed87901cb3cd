// GitHub's two pagination styles. Page numbers with a full RFC 8288 Link header (prev,
// next, last, first in GitHub's order, other query parameters kept as sent) for most
// lists; opaque cursors (`after`/`before`, no `last`) for Dependabot alerts.
import type { Ctx } from "./router.ts";
import { base64url, HttpError, unbase64url } from "./util.ts";

export interface Page<T> {
  items: T[];
  /** Value of the Link header, absent when everything fits on the first page. */
  link?: string;
}

export function perPage(ctx: Ctx, fallback = 30): number {
  const raw = ctx.query.get("per_page");
  if (raw === null || raw === "") return fallback;
  const value = Number.parseInt(raw, 10);
  if (!Number.isFinite(value) || value < 1) return fallback;
  return Math.min(value, 100);
}

export function pageNumber(ctx: Ctx): number {
  const value = Number.parseInt(ctx.query.get("page") ?? "1", 10);
  return Number.isFinite(value) && value >= 1 ? value : 1;
}

/** The request's own URL with some query parameters replaced (null removes one). */
export function selfUrl(ctx: Ctx, changes: Record<string, string | null>): string {
  const params = new URLSearchParams(ctx.query);
  for (const [key, value] of Object.entries(changes)) {
    if (value === null) params.delete(key);
    else params.set(key, value);
  }
  const search = params.toString();
  return `${ctx.apiBase}${ctx.rawPath}${search === "" ? "" : `?${search}`}`;
}

function linkHeader(rels: [string, string][]): string | undefined {
  if (rels.length === 0) return undefined;
  return rels.map(([rel, url]) => `<${url}>; rel="${rel}"`).join(", ");
}

export function paginate<T>(ctx: Ctx, all: readonly T[], fallbackPerPage = 30): Page<T> {
  const size = perPage(ctx, fallbackPerPage);
  const page = pageNumber(ctx);
  const last = Math.max(1, Math.ceil(all.length / size));
  const items = all.slice((page - 1) * size, page * size);
  const at = (n: number) => selfUrl(ctx, { page: String(n) });
  const rels: [string, string][] = [];
  if (page > 1) rels.push(["prev", at(Math.min(page - 1, last))]);
  if (page < last) rels.push(["next", at(page + 1)], ["last", at(last)]);
  if (page > 1) rels.push(["first", at(1)]);
  return { items, link: linkHeader(rels) };
}

const CURSOR_PREFIX = "cursor:v2:";

function decodeCursor(value: string | null): number | null {
  if (value === null || value === "") return null;
  const text = unbase64url(value);
  const offset = Number(text.slice(CURSOR_PREFIX.length));
  if (!text.startsWith(CURSOR_PREFIX) || !Number.isInteger(offset) || offset < 0) {
    throw new HttpError(400, `Invalid cursor: ${value}`);
  }
  return offset;
}

const encodeCursor = (offset: number): string => base64url(`${CURSOR_PREFIX}${offset}`);

/**
 * Cursor pages. The cursor is an offset into the filtered, sorted list; clients must
 * treat it as opaque, exactly as with GitHub's.
 */
export function cursorPaginate<T>(ctx: Ctx, all: readonly T[]): Page<T> {
  const size = perPage(ctx);
  const after = decodeCursor(ctx.query.get("after"));
  const before = decodeCursor(ctx.query.get("before"));
  let start = 0;
  if (after !== null) start = after;
  else if (before !== null) start = Math.max(0, before - size);
  const end = before !== null && after === null ? before : start + size;
  const items = all.slice(start, Math.min(end, all.length));
  const rels: [string, string][] = [];
  if (start > 0) {
    rels.push(["prev", selfUrl(ctx, { after: null, page: null, before: encodeCursor(start) })]);
  }
  if (end < all.length) {
    rels.push(["next", selfUrl(ctx, { before: null, page: null, after: encodeCursor(end) })]);
  }
  return { items, link: linkHeader(rels) };
}
