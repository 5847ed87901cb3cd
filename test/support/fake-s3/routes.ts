// Dispatch of an authenticated, path-style request (/{bucket}/{key}?subresource) to its
// operation; whatever is not listed here answers 501 NotImplemented.
import type { Bucket } from "./bucket.ts";
import { listObjectsV2, objectLockConfiguration } from "./bucket-routes.ts";
import { getLegalHold, getRetention, putLegalHold, putRetention } from "./lock-routes.ts";
import { deleteObject, getObject, putObject, type S3Request } from "./object-routes.ts";
import { type HeaderBag, queryPairs } from "./sigv4-canonical.ts";
import { notImplemented, S3Error, type S3Reply } from "./xml.ts";

type Handler = (request: S3Request) => S3Reply;

const OBJECT_ROUTES: Record<string, Handler> = {
  "PUT ": putObject,
  "GET ": getObject,
  "HEAD ": getObject,
  "DELETE ": deleteObject,
  "PUT legal-hold": putLegalHold,
  "GET legal-hold": getLegalHold,
  "PUT retention": putRetention,
  "GET retention": getRetention,
};

/** The subresource named by a query with exactly one parameter, "" for none. */
function subresource(query: Map<string, string>): string | undefined {
  const names = [...query.keys()];
  if (names.length === 0) return "";
  return names.length === 1 ? names[0] : undefined;
}

function bucketRoute(request: S3Request): S3Reply {
  const { method, query } = request;
  if (method === "GET" && query.get("list-type") === "2") return listObjectsV2(request);
  const sub = subresource(query);
  if (method === "HEAD" && sub === "") return { status: 200 };
  if (method === "GET" && sub === "object-lock") return objectLockConfiguration();
  throw notImplemented(`${method} on the bucket${sub ? ` ?${sub}` : ""}`);
}

export interface RouteInput {
  method: string;
  /** Decoded path, e.g. "/bucket/a b/c.txt". */
  path: string;
  rawQuery: string;
  headers: HeaderBag;
  body: Buffer;
}

export function route(bucket: Bucket, input: RouteInput): S3Reply {
  const slash = input.path.indexOf("/", 1);
  const bucketName = slash < 0 ? input.path.slice(1) : input.path.slice(1, slash);
  const key = slash < 0 ? "" : input.path.slice(slash + 1);
  if (bucketName === "") throw notImplemented("ListBuckets");
  if (bucketName !== bucket.name) {
    const message = "The specified bucket does not exist";
    throw new S3Error(404, "NoSuchBucket", message, { BucketName: bucketName });
  }
  const query = new Map(queryPairs(input.rawQuery));
  // AWS SDKs add x-id=<Operation> for their own routing; S3 ignores it.
  query.delete("x-id");
  const request: S3Request = { ...input, bucket, key, query };
  if (key === "") return bucketRoute(request);
  const sub = subresource(query);
  const handler = sub === undefined ? undefined : OBJECT_ROUTES[`${input.method} ${sub}`];
  if (handler === undefined) {
    throw notImplemented(`${input.method} /{key}?${[...query.keys()].join("&")}`);
  }
  return handler(request);
}
