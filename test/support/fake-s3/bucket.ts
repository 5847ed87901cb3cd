// The one bucket the fake serves: versioned (as Object Lock requires), keyed in UTF-8 binary
// order. A DELETE removes every version at once, but only when no version is protected.
import { createHash, randomBytes } from "node:crypto";
import type { FakeS3Object } from "./index.ts";
import { deleteBlocker, type LockState } from "./lock.ts";
import { S3Error } from "./xml.ts";

export interface ObjectVersion extends LockState {
  versionId: string;
  body: Buffer;
  etag: string;
  contentType: string;
  lastModified: number;
}

/** S3 lists keys in the binary order of their UTF-8 bytes (not JavaScript's UTF-16 order). */
export function compareKeys(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
}

export class Bucket {
  readonly name: string;
  readonly now: () => number;
  private readonly objects = new Map<string, ObjectVersion[]>();

  constructor(name: string, now: () => number) {
    this.name = name;
    this.now = now;
  }

  latest(key: string): ObjectVersion | undefined {
    return this.objects.get(key)?.at(-1);
  }

  /** The latest version, or 404 NoSuchKey. */
  require(key: string): ObjectVersion {
    const version = this.latest(key);
    if (version === undefined) {
      throw new S3Error(404, "NoSuchKey", "The specified key does not exist.", { Key: key });
    }
    return version;
  }

  /** Adds a new version; earlier versions keep their bodies and locks. */
  put(key: string, body: Buffer, contentType: string, lock: LockState): ObjectVersion {
    const version: ObjectVersion = {
      ...lock,
      versionId: randomBytes(12).toString("base64url"),
      body,
      etag: `"${createHash("md5").update(body).digest("hex")}"`,
      contentType,
      lastModified: this.now(),
    };
    const versions = this.objects.get(key) ?? [];
    versions.push(version);
    this.objects.set(key, versions);
    return version;
  }

  /** Keys in UTF-8 binary order. */
  keys(): string[] {
    return [...this.objects.keys()].sort(compareKeys);
  }

  /** Removes all versions; 403 if any version is under legal hold or COMPLIANCE retention. */
  delete(key: string): void {
    const versions = this.objects.get(key) ?? [];
    for (const version of versions) {
      const blocker = deleteBlocker(version, this.now());
      if (blocker !== undefined) {
        const message = `Access Denied because object protected by object lock (${blocker}).`;
        throw new S3Error(403, "AccessDenied", message);
      }
    }
    this.objects.delete(key);
  }

  snapshot(): FakeS3Object[] {
    return this.keys().map((key) => {
      const versions = this.objects.get(key) ?? [];
      const latest = this.require(key);
      const object: FakeS3Object = {
        key,
        body: Buffer.from(latest.body),
        legalHold: latest.legalHold === "ON",
        versions: versions.length,
      };
      if (latest.mode !== undefined) object.mode = latest.mode;
      if (latest.retainUntil !== undefined) object.retainUntil = latest.retainUntil;
      return object;
    });
  }
}
