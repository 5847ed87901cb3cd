import { createHmac } from "node:crypto";
import { sha256Hex } from "../domain/canonical-json.ts";

// AWS Signature Version 4 for S3 requests, written from the published algorithm: a
// canonical request (method, path, sorted query, the signed headers, the payload's
// SHA-256), a string to sign naming the date, region and service, and a key derived from
// the secret by a chain of HMACs. Every header the request carries is signed.

export interface S3Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  /** Temporary credentials (STS) carry a session token, sent as x-amz-security-token. */
  sessionToken?: string;
}

export interface SignableRequest {
  method: string;
  url: URL;
  headers: Record<string, string>;
  /** Hex SHA-256 of the body. */
  payloadSha256: string;
}

const hmac = (key: string | Buffer, data: string) =>
  createHmac("sha256", key).update(data).digest();

/** RFC 3986 encoding as SigV4 wants it: only unreserved characters stay as they are. */
export function uriEncode(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function canonicalQuery(url: URL): string {
  return [...url.searchParams]
    .map(([k, v]) => [uriEncode(k), uriEncode(v)] as const)
    .sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join("&");
}

/** amzDate is YYYYMMDDTHHMMSSZ. Returns the headers to send, Authorization included. */
export function signRequest(
  request: SignableRequest,
  credentials: S3Credentials,
  region: string,
  amzDate: string,
): Record<string, string> {
  const headers: Record<string, string> = {
    ...request.headers,
    host: request.url.host,
    "x-amz-date": amzDate,
    "x-amz-content-sha256": request.payloadSha256,
  };
  if (credentials.sessionToken) headers["x-amz-security-token"] = credentials.sessionToken;
  const names = Object.keys(headers)
    .map((name) => name.toLowerCase())
    .sort();
  const lower = Object.fromEntries(
    Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v.trim().replace(/\s+/g, " ")]),
  );
  const signedHeaders = names.join(";");
  const path = request.url.pathname.split("/").map((part) => uriEncode(decodeURIComponent(part)));
  const canonical = [
    request.method,
    path.join("/"),
    canonicalQuery(request.url),
    ...names.map((name) => `${name}:${lower[name]}`),
    "",
    signedHeaders,
    request.payloadSha256,
  ].join("\n");
  const day = amzDate.slice(0, 8);
  const scope = `${day}/${region}/s3/aws4_request`;
  const toSign = ["AWS4-HMAC-SHA256", amzDate, scope, sha256Hex(canonical)].join("\n");
  const key = ["s3", "aws4_request"].reduce(
    (k, part) => hmac(k, part),
    hmac(hmac(`AWS4${credentials.secretAccessKey}`, day), region),
  );
  const signature = createHmac("sha256", key).update(toSign).digest("hex");
  headers.authorization = `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
  return headers;
}

export const amzDateOf = (at: number) => new Date(at).toISOString().replace(/[-:]|\.\d{3}/g, "");
