// The ?legal-hold and ?retention subresources of an object (its latest version).
import {
  checkRetentionChange,
  legalHoldXml,
  parseLegalHoldXml,
  parseRetentionXml,
  retentionXml,
} from "./lock.ts";
import type { S3Request } from "./object-routes.ts";
import { checkDigests, requireIntegrity } from "./payload.ts";
import { header } from "./sigv4-canonical.ts";
import { S3Error, type S3Reply, xmlReply } from "./xml.ts";

function noConfiguration(): S3Error {
  const message = "The specified object does not have a ObjectLock configuration";
  return new S3Error(404, "NoSuchObjectLockConfiguration", message);
}

export function putLegalHold(request: S3Request): S3Reply {
  requireIntegrity(request.headers, "Put Object Legal Hold requests");
  checkDigests(request.headers, request.body);
  const status = parseLegalHoldXml(request.body.toString("utf8"));
  request.bucket.require(request.key).legalHold = status;
  return { status: 200 };
}

export function getLegalHold(request: S3Request): S3Reply {
  const { legalHold } = request.bucket.require(request.key);
  if (legalHold === undefined) throw noConfiguration();
  return xmlReply(200, legalHoldXml(legalHold));
}

export function putRetention(request: S3Request): S3Reply {
  requireIntegrity(request.headers, "Put Object Retention requests");
  checkDigests(request.headers, request.body);
  const now = request.bucket.now();
  const next = parseRetentionXml(request.body.toString("utf8"), now);
  const version = request.bucket.require(request.key);
  const bypass = header(request.headers, "x-amz-bypass-governance-retention") === "true";
  checkRetentionChange(version, next, now, bypass);
  version.mode = next.mode;
  version.retainUntil = next.retainUntil;
  return { status: 200 };
}

export function getRetention(request: S3Request): S3Reply {
  const { mode, retainUntil } = request.bucket.require(request.key);
  if (mode === undefined || retainUntil === undefined) throw noConfiguration();
  return xmlReply(200, retentionXml(mode, retainUntil));
}
