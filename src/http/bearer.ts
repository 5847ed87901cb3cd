// Bearer-token checks for the HTTP API. Tokens are compared through SHA-256 digests with
// timingSafeEqual: the digests always have the same length, so neither the comparison time
// nor an early length mismatch tells a caller how much of a guess was right.
import { createHash, timingSafeEqual } from "node:crypto";
import type { NextFunction, Request, RequestHandler, Response } from "express";

const REALM = 'Bearer realm="kpi-exporter"';

function digest(value: string): Buffer {
  return createHash("sha256").update(value, "utf8").digest();
}

/** The token of an `Authorization: Bearer <token>` header, or undefined. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header ?? "");
  return match?.[1];
}

function unauthorized(res: Response, presented: string | undefined): void {
  // RFC 6750: a request without credentials gets the bare challenge, a wrong token also says so.
  const challenge = presented === undefined ? REALM : `${REALM}, error="invalid_token"`;
  res.set("WWW-Authenticate", challenge);
  res.status(401).json({ error: "missing or invalid bearer token" });
}

/** Passes requests whose bearer token matches; 401 with a challenge otherwise. */
function requireToken(token: string): RequestHandler {
  const expected = digest(token);
  return (req: Request, res: Response, next: NextFunction) => {
    const presented = bearerToken(req.get("authorization"));
    if (presented !== undefined && timingSafeEqual(digest(presented), expected)) return next();
    unauthorized(res, presented);
  };
}

/** Read endpoints: open when no token is configured, bearer-protected otherwise. */
export function requireReadToken(token: string | undefined): RequestHandler {
  if (token === undefined || token === "") return (_req, _res, next) => next();
  return requireToken(token);
}

/** Write endpoints: disabled (403) unless a token is configured, then bearer-protected. */
export function requireWriteToken(token: string | undefined): RequestHandler {
  if (token === undefined || token === "") {
    return (_req, res) => {
      res
        .status(403)
        .json({ error: "write endpoints are disabled: set KPI_API_TOKEN to enable them" });
    };
  }
  return requireToken(token);
}
