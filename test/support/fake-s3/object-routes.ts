// PutObject, GetObject, HeadObject and DeleteObject on the latest version of a key.
import type { Bucket, ObjectVersion } from "./bucket.ts";
import { hasLockHeaders, lockFromHeaders } from "./lock.ts";
import { checkDigests, requireIntegrity } from "./payload.ts";
import { type HeaderBag, header } from "./sigv4-canonical.ts";
import { notImplemented, S3Error, type S3Reply } from "./xml.ts";

/** An authenticated request addressed to the served bucket. */
export interface S3Request {
  method: string;
  bucket: Bucket;
  key: string;
  query: Map<string, string>;
  headers: HeaderBag;
  body: Buffer;
}

/** If-None-Match: * is the only write precondition this fake implements. */
function checkPreconditions(headers: HeaderBag, exists: boolean): void {
  if (header(headers, "if-match") !== undefined) throw notImplemented("If-Match on PUT");
  const noneMatch = header(headers, "if-none-match");
  if (noneMatch === undefined) return;
  if (noneMatch.trim() !== "*") throw notImplemented("If-None-Match other than *");
  if (exists) {
    const message = "At least one of the pre-conditions you specified did not hold";
    throw new S3Error(412, "PreconditionFailed", message, { Condition: "If-None-Match" });
  }
}

export function putObject(request: S3Request): S3Reply {
  const { bucket, key, headers, body } = request;
  const lock = lockFromHeaders(headers, bucket.now());
  if (hasLockHeaders(headers)) {
    requireIntegrity(headers, "Put Object requests with Object Lock parameters");
  }
  checkDigests(headers, body);
  checkPreconditions(headers, bucket.latest(key) !== undefined);
  const contentType = header(headers, "content-type") ?? "binary/octet-stream";
  const version = bucket.put(key, body, contentType, lock);
  return { status: 200, headers: { etag: version.etag, "x-amz-version-id": version.versionId } };
}

function objectHeaders(version: ObjectVersion): Record<string, string> {
  const headers: Record<string, string> = {
    "content-length": String(version.body.length),
    "content-type": version.contentType,
    etag: version.etag,
    "last-modified": new Date(version.lastModified).toUTCString(),
    "x-amz-version-id": version.versionId,
  };
  if (version.mode !== undefined) headers["x-amz-object-lock-mode"] = version.mode;
  if (version.retainUntil !== undefined) {
    headers["x-amz-object-lock-retain-until-date"] = version.retainUntil;
  }
  if (version.legalHold !== undefined) headers["x-amz-object-lock-legal-hold"] = version.legalHold;
  return headers;
}

/** GET returns the whole body (Range is ignored); HEAD the same headers without it. */
export function getObject(request: S3Request): S3Reply {
  const version = request.bucket.require(request.key);
  const reply: S3Reply = { status: 200, headers: objectHeaders(version) };
  if (request.method === "GET") reply.body = version.body;
  return reply;
}

/** Deleting a missing key succeeds, as in S3. */
export function deleteObject(request: S3Request): S3Reply {
  request.bucket.delete(request.key);
  return { status: 204 };
}
