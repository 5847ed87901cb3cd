// Where sealed ledger segments (and witness checkpoints) go to be kept unaltered: an
// S3-compatible bucket with Object Lock, which refuses to delete or overwrite an object
// before its retain-until date even to the account's root, or a directory, which the
// operator makes write-once (a WORM mount, `chattr +i`) since the exporter cannot.

export interface ObjectLock {
  retainUntilMs: number;
  legalHold: boolean;
}

export interface Archive {
  /** How it was named: a directory or s3://bucket/prefix. */
  readonly location: string;
  /** Writes the object once; throws ArchiveObjectExists when the key is taken. */
  put(key: string, body: Buffer, lock: ObjectLock): Promise<void>;
  /** The object's bytes, or undefined when there is none of that key. */
  get(key: string): Promise<Buffer | undefined>;
  /** Every key under the prefix, in order. */
  list(prefix: string): Promise<string[]>;
  /** Puts an existing object under legal hold; false where the archive cannot. */
  hold(key: string): Promise<boolean>;
}

export class ArchiveObjectExists extends Error {
  readonly key: string;
  constructor(key: string, location: string) {
    super(`${location}: ${key} exists already and is never overwritten`);
    this.key = key;
  }
}
