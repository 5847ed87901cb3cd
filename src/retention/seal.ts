import { type Archive, ArchiveObjectExists } from "../archive/archive.ts";
import { after, type RetentionPeriod } from "../config/retention-period.ts";
import type { SegmentRow } from "../store/ledger-archive.ts";
import type { Store } from "../store/store.ts";
import { objectSha256 } from "./read-archive.ts";
import { buildSegment, parseSegment, segmentProblems } from "./segment.ts";

// Sealing: every record appended since the last segment goes into new segments of at most
// `segmentRecords`, each written once to the archive locked until its newest record's
// retention ends, then noted in the store. A chain that does not link is never sealed.
// A run that died between the write and the note finds its object there and adopts it
// when it holds exactly these records.

const MIN_LOCK_MS = 86_400_000;

export interface SealPolicy {
  evidence: RetentionPeriod;
  legalHold: boolean;
  segmentRecords: number;
}

async function adopt(archive: Archive, key: string, built: ReturnType<typeof buildSegment>) {
  const body = await archive.get(key);
  const found = body && parseSegment(body);
  const same =
    found &&
    typeof found !== "string" &&
    found.header.first === built.header.first &&
    found.header.last === built.header.last &&
    found.header.lastHash === built.header.lastHash &&
    found.header.recordsSha256 === built.header.recordsSha256;
  if (!body || !same)
    throw new Error(`${archive.location}: ${key} exists and holds other records than the ledger's`);
  return { body, retainUntilMs: Date.parse(found.header.retainUntil) };
}

export async function sealNewSegments(
  store: Store,
  archive: Archive,
  policy: SealPolicy,
  now: number,
): Promise<SegmentRow[]> {
  const known = await store.ledgerArchive.segments();
  const lastKnown = known[known.length - 1];
  let previous = lastKnown
    ? { seq: lastKnown.lastSeq, hash: lastKnown.lastHash, deploymentId: "" }
    : { seq: 0 };
  const head = await store.evidence.head();
  const sealed: SegmentRow[] = [];
  while (previous.seq < head.seq) {
    const through = Math.min(previous.seq + policy.segmentRecords, head.seq);
    const rows = await store.ledgerArchive.rowsIn(previous.seq, through);
    const newest = Math.max(...rows.map((r) => r.recordedAtMs));
    const lock = {
      sealedAtMs: now,
      // Records already past retention when first sealed (an archive set up on an old
      // store) still get a lock in the future: S3 refuses a retain-until date in the past.
      retainUntilMs: Math.max(after(newest, policy.evidence), now + MIN_LOCK_MS),
      legalHold: policy.legalHold,
    };
    const built = buildSegment(rows, previous, lock);
    const problems = segmentProblems(built.key, {
      header: built.header,
      records: rows.map((r) => r.text),
    });
    if (rows.length !== through - previous.seq || problems.length)
      throw new Error(
        `records ${previous.seq + 1}–${through} are not an unbroken chain (${problems[0] ?? `${rows.length} records found`}): run evidence verify; nothing was sealed`,
      );
    let body = built.body;
    let retainUntilMs = lock.retainUntilMs;
    try {
      await archive.put(built.key, body, lock);
    } catch (error) {
      if (!(error instanceof ArchiveObjectExists)) throw error;
      ({ body, retainUntilMs } = await adopt(archive, built.key, built));
    }
    const row: SegmentRow = {
      firstSeq: built.header.first,
      lastSeq: built.header.last,
      lastHash: built.header.lastHash,
      sha256: objectSha256(body),
      object: built.key,
      newestRecordedAtMs: newest,
      retainUntilMs,
      legalHold: policy.legalHold,
      sealedAtMs: now,
    };
    await store.ledgerArchive.recordSegment(row);
    sealed.push(row);
    previous = { seq: row.lastSeq, hash: row.lastHash, deploymentId: "" };
  }
  return sealed;
}
