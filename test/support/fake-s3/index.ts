// A local fake of the Amazon S3 REST API for clients that archive write-once objects with
// Object Lock: one path-style bucket (created with Object Lock, hence versioned), every
// request checked against AWS Signature Version 4 (Authorization header form).
//
// Implemented: PutObject (If-None-Match: *, lock headers, Content-MD5/checksums), GetObject,
// HeadObject, DeleteObject, ListObjectsV2, Get/PutObjectLegalHold, Get/PutObjectRetention,
// HeadBucket and GetObjectLockConfiguration. Anything else answers 501 NotImplemented.
//
// Simplified on purpose, unlike real S3:
// - DELETE without versionId removes the key with all its versions (S3 would add a delete
//   marker and keep the versions). It is refused with 403 AccessDenied while ANY version is
//   under legal hold or an unexpired COMPLIANCE retention; GOVERNANCE retention never blocks.
// - No versionId parameters, delete markers, multipart or aws-chunked (streaming) uploads,
//   presigned URLs, Range reads (GET returns the whole body), delimiter in listings, ACLs.
// - The x-amz-date is not checked for clock skew, and `now` only drives Object Lock decisions
//   and LastModified.
// - CRC32C and CRC64NVME checksums are accepted without being verified (CRC32, SHA1, SHA256
//   and Content-MD5 are verified).
// - Retain-until dates are stored and returned normalised to `Date#toISOString()`.
import type { AddressInfo } from "node:net";
import { Bucket } from "./bucket.ts";
import { createS3Server } from "./server.ts";

export interface FakeS3Options {
  /** The one bucket it serves, created with Object Lock enabled. */
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Default "us-east-1". */
  region?: string;
  /** The server's clock (epoch ms) for retention decisions; default Date.now. */
  now?: () => number;
}

export interface FakeS3Object {
  key: string;
  body: Buffer;
  mode?: "COMPLIANCE" | "GOVERNANCE";
  retainUntil?: string;
  legalHold: boolean;
  versions: number;
}

export interface FakeS3 {
  /** http://127.0.0.1:PORT (path-style: {url}/{bucket}/{key}) */
  url: string;
  /** Current state (latest version of each key), sorted by key. */
  objects(): FakeS3Object[];
  requests: { method: string; path: string; query: string; status: number }[];
  /** Makes the next n requests fail with this status (e.g. 500 or 503 SlowDown) */
  failNext(n: number, status: number): void;
  close(): Promise<void>;
}

export async function startFakeS3(options: FakeS3Options): Promise<FakeS3> {
  const bucket = new Bucket(options.bucket, options.now ?? Date.now);
  const requests: FakeS3["requests"] = [];
  const faults = { remaining: 0, status: 500 };
  const credentials = {
    accessKeyId: options.accessKeyId,
    secretAccessKey: options.secretAccessKey,
    region: options.region ?? "us-east-1",
  };
  const server = createS3Server({ bucket, credentials, requests, faults });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    objects: () => bucket.snapshot(),
    requests,
    failNext(n, status) {
      if (!Number.isInteger(n) || n < 0) throw new RangeError(`failNext: bad count ${n}`);
      if (!Number.isInteger(status) || status < 400 || status > 599) {
        throw new RangeError(`failNext: ${status} is not an error status`);
      }
      faults.remaining = n;
      faults.status = status;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
