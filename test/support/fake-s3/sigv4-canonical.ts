// SigV4 building blocks as S3 applies them: RFC 3986 encoding, the canonical request (path
// decoded and encoded once, sorted query, signed headers), the string to sign, the key chain.
import { createHash, createHmac } from "node:crypto";
import { S3Error } from "./xml.ts";

export type HeaderBag = Record<string, string | string[] | undefined>;

/** A request as received: method, path and query exactly as on the wire, lower-case headers. */
export interface SignedRequest {
  method: string;
  rawPath: string;
  rawQuery: string;
  headers: HeaderBag;
}

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
}

export interface ParsedAuthorization {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
}

export interface SignatureParts {
  canonicalRequest: string;
  stringToSign: string;
  signature: string;
}

const ALGORITHM = "AWS4-HMAC-SHA256";

export function header(headers: HeaderBag, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(",") : value;
}

export function sha256Hex(data: string | Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac("sha256", key).update(data, "utf8").digest();
}

export function signingKey(secret: string, date: string, region: string, service: string) {
  return hmac(hmac(hmac(hmac(`AWS4${secret}`, date), region), service), "aws4_request");
}

/** RFC 3986 encoding of the UTF-8 bytes: only A-Z a-z 0-9 - . _ ~ (and '/' if kept) stay. */
export function uriEncode(text: string, keepSlash: boolean): string {
  const encoded = encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return keepSlash ? encoded.replace(/%2F/g, "/") : encoded;
}

export function decodeComponent(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    throw new S3Error(400, "InvalidURI", "Couldn't parse the specified URI.");
  }
}

/** Decoded query pairs in wire order ('+' is a literal plus, as SigV4 clients encode it). */
export function queryPairs(rawQuery: string): [string, string][] {
  return rawQuery
    .split("&")
    .filter((part) => part !== "")
    .map((part) => {
      const eq = part.indexOf("=");
      if (eq < 0) return [decodeComponent(part), ""];
      return [decodeComponent(part.slice(0, eq)), decodeComponent(part.slice(eq + 1))];
    });
}

/** Each raw path segment decoded, then encoded once (S3 does not double-encode); '/' kept. */
export function canonicalUri(rawPath: string): string {
  return rawPath
    .split("/")
    .map((segment) => uriEncode(decodeComponent(segment), false))
    .join("/");
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function canonicalQuery(rawQuery: string): string {
  return queryPairs(rawQuery)
    .map(([name, value]) => [uriEncode(name, false), uriEncode(value, false)] as const)
    .sort((a, b) => compare(a[0], b[0]) || compare(a[1], b[1]))
    .map(([name, value]) => `${name}=${value}`)
    .join("&");
}

/** Canonical request, string to sign and signature for what the request claims to sign. */
export function computeSignature(
  request: SignedRequest,
  auth: ParsedAuthorization,
  secret: string,
): SignatureParts {
  const value = (name: string) => (header(request.headers, name) ?? "").trim().replace(/\s+/g, " ");
  const canonicalRequest = [
    request.method,
    canonicalUri(request.rawPath),
    canonicalQuery(request.rawQuery),
    auth.signedHeaders.map((name) => `${name}:${value(name)}\n`).join(""),
    auth.signedHeaders.join(";"),
    header(request.headers, "x-amz-content-sha256") ?? "",
  ].join("\n");
  const scope = `${auth.date}/${auth.region}/${auth.service}/aws4_request`;
  const amzDate = header(request.headers, "x-amz-date") ?? "";
  const stringToSign = [ALGORITHM, amzDate, scope, sha256Hex(canonicalRequest)].join("\n");
  const key = signingKey(secret, auth.date, auth.region, auth.service);
  return { canonicalRequest, stringToSign, signature: hmac(key, stringToSign).toString("hex") };
}
