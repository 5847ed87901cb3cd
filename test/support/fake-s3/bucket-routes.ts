// Bucket-level reads: ListObjectsV2 (prefix, continuation tokens, small max-keys for paging
// tests) and the bucket's Object Lock configuration.
import { compareKeys } from "./bucket.ts";
import type { S3Request } from "./object-routes.ts";
import { uriEncode } from "./sigv4-canonical.ts";
import { elements, notImplemented, S3_XMLNS, S3Error, type S3Reply, xmlReply } from "./xml.ts";

const LIST_PARAMS = new Set([
  "list-type",
  "prefix",
  "continuation-token",
  "max-keys",
  "start-after",
  "encoding-type",
  "fetch-owner",
]);
const TOKEN_PREFIX = "fake-s3:";

function invalid(message: string): S3Error {
  return new S3Error(400, "InvalidArgument", message);
}

function parseMaxKeys(value: string | undefined): number {
  if (value === undefined) return 1000;
  if (!/^\d{1,9}$/.test(value)) {
    throw invalid("Provided max-keys not an integer or within integer range");
  }
  return Math.min(Number(value), 1000);
}

/** Continuation tokens are opaque to clients; here they encode the last key returned. */
function encodeToken(lastKey: string): string {
  return Buffer.from(TOKEN_PREFIX + lastKey, "utf8").toString("base64url");
}

function decodeToken(token: string): string {
  const text = Buffer.from(token, "base64url").toString("utf8");
  if (!text.startsWith(TOKEN_PREFIX) || encodeToken(text.slice(TOKEN_PREFIX.length)) !== token) {
    throw invalid("The continuation token provided is incorrect");
  }
  return text.slice(TOKEN_PREFIX.length);
}

export function listObjectsV2(request: S3Request): S3Reply {
  const { query, bucket } = request;
  const unsupported = [...query.keys()].filter((name) => !LIST_PARAMS.has(name));
  if (unsupported.length > 0) throw notImplemented(`ListObjectsV2 ${unsupported.join(", ")}`);
  const encoding = query.get("encoding-type");
  if (encoding !== undefined && encoding !== "url") {
    throw invalid("Invalid Encoding Method specified in Request");
  }
  const show = (text: string | undefined) =>
    text === undefined || encoding === undefined ? text : uriEncode(text, true);
  const prefix = query.get("prefix") ?? "";
  const maxKeys = parseMaxKeys(query.get("max-keys"));
  const token = query.get("continuation-token");
  const startAfter = query.get("start-after");
  const after = token !== undefined ? decodeToken(token) : startAfter;
  const matching = bucket
    .keys()
    .filter((key) => key.startsWith(prefix))
    .filter((key) => after === undefined || compareKeys(key, after) > 0);
  const page = matching.slice(0, maxKeys);
  const lastKey = page.at(-1);
  const truncated = matching.length > page.length && lastKey !== undefined;
  const contents = page.map((key) => {
    const version = bucket.require(key);
    const fields = elements({
      Key: show(key),
      LastModified: new Date(version.lastModified).toISOString(),
      ETag: version.etag,
      Size: version.body.length,
      StorageClass: "STANDARD",
    });
    return `<Contents>${fields}</Contents>`;
  });
  const summary = elements({
    Name: bucket.name,
    Prefix: show(prefix),
    ContinuationToken: token,
    StartAfter: show(startAfter),
    KeyCount: page.length,
    MaxKeys: maxKeys,
    EncodingType: encoding,
    IsTruncated: truncated,
    NextContinuationToken: truncated ? encodeToken(lastKey) : undefined,
  });
  return xmlReply(
    200,
    `<ListBucketResult xmlns="${S3_XMLNS}">${summary}${contents.join("")}</ListBucketResult>`,
  );
}

export function objectLockConfiguration(): S3Reply {
  const enabled = elements({ ObjectLockEnabled: "Enabled" });
  return xmlReply(
    200,
    `<ObjectLockConfiguration xmlns="${S3_XMLNS}">${enabled}</ObjectLockConfiguration>`,
  );
}
