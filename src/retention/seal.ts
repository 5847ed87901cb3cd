import { type Archive, ArchiveObjectExists } from "../archive/archive.ts";
import { after, type RetentionPeriod } from "../config/retention-period.ts";
import { sha256Hex } from "../domain/canonical-json.ts";
import type { ChainHead } from "../domain/evidence-chain.ts";
import type { SegmentRow } from "../store/ledger-archive.ts";
import type { Store } from "../store/store.ts";
import { buildSegment, parseSegment, segmentKeysFrom, segmentProblems } from "./segment.ts";

// Sealing: every record appended since the last segment goes into new segments of at most
// `segmentRecords`, each written once to the archive locked until its newest record's
// retention ends (and at least a day), then noted in the store. A chain that does not link
// is never sealed. A run that died between a write and its note, or ran beside another,
// finds an object starting where its next segment would and adopts it when it holds the
// ledger's records, whatever its length; one holding other records stops the run.

export interface SealPolicy {
  evidence: RetentionPeriod;
  legalHold: boolean;
  segmentRecords: number;
}

const MIN_LOCK_MS = 86_400_000;

/** The segment row of an object already in the archive that continues `previous`. */
async function existing(
  store: Store,
  archive: Archive,
  previous: ChainHead,
  legalHold: boolean,
  now: number,
): Promise<SegmentRow | undefined> {
  const first = previous.seq + 1;
  const keys = await archive.list(segmentKeysFrom(first));
  for (const key of keys.sort().reverse()) {
    const body = await archive.get(key);
    const segment = body && parseSegment(body);
    if (!body || !segment || typeof segment === "string") continue;
    const { header } = segment;
    const rows = await store.ledgerArchive.rowsIn(previous.seq, header.last);
    const same =
      header.first === first &&
      (header.previous?.hash ?? null) === (previous.hash ?? null) &&
      rows.length === segment.records.length &&
      rows.every((row, i) => row.text === segment.records[i]) &&
      segmentProblems(key, segment).length === 0;
    if (!same)
      throw new Error(
        `${archive.location}: ${key} exists and holds other records than the ledger's`,
      );
    return {
      firstSeq: header.first,
      lastSeq: header.last,
      lastHash: header.lastHash,
      sha256: sha256Hex(body),
      object: key,
      newestRecordedAtMs: Math.max(...rows.map((r) => r.recordedAtMs)),
      retainUntilMs: Date.parse(header.retainUntil),
      legalHold,
      sealedAtMs: now,
    };
  }
  return undefined;
}

async function sealNext(
  store: Store,
  archive: Archive,
  previous: ChainHead,
  through: number,
  policy: SealPolicy,
  now: number,
): Promise<SegmentRow> {
  const rows = await store.ledgerArchive.rowsIn(previous.seq, through);
  const newest = Math.max(...rows.map((r) => r.recordedAtMs));
  // Records already past retention when first sealed (an archive set up on an old store)
  // still get a lock in the future: S3 refuses a retain-until date in the past.
  const retainUntilMs = Math.max(after(newest, policy.evidence), now + MIN_LOCK_MS);
  const lock = { sealedAtMs: now, retainUntilMs, legalHold: policy.legalHold };
  const built = buildSegment(rows, previous, lock);
  const records = rows.map((r) => r.text);
  const problems = segmentProblems(built.key, { header: built.header, records });
  if (rows.length !== through - previous.seq || problems.length)
    throw new Error(
      `records ${previous.seq + 1}–${through} are not an unbroken chain (${problems[0] ?? `${rows.length} records found`}): run evidence verify; nothing was sealed`,
    );
  try {
    await archive.put(built.key, built.body, lock);
  } catch (error) {
    if (!(error instanceof ArchiveObjectExists)) throw error;
    const adopted = await existing(store, archive, previous, policy.legalHold, now);
    if (adopted) return adopted;
    throw error;
  }
  return {
    firstSeq: built.header.first,
    lastSeq: built.header.last,
    lastHash: built.header.lastHash,
    sha256: sha256Hex(built.body),
    object: built.key,
    newestRecordedAtMs: newest,
    retainUntilMs,
    legalHold: policy.legalHold,
    sealedAtMs: now,
  };
}

export async function sealNewSegments(
  store: Store,
  archive: Archive,
  policy: SealPolicy,
  now: number,
): Promise<SegmentRow[]> {
  const known = await store.ledgerArchive.segments();
  const lastKnown = known[known.length - 1];
  let previous: ChainHead = lastKnown
    ? { seq: lastKnown.lastSeq, hash: lastKnown.lastHash }
    : { seq: 0 };
  const head = await store.evidence.head();
  const sealed: SegmentRow[] = [];
  while (previous.seq < head.seq) {
    const row =
      (await existing(store, archive, previous, policy.legalHold, now)) ??
      (await sealNext(
        store,
        archive,
        previous,
        Math.min(previous.seq + policy.segmentRecords, head.seq),
        policy,
        now,
      ));
    await store.ledgerArchive.recordSegment(row);
    sealed.push(row);
    previous = { seq: row.lastSeq, hash: row.lastHash };
  }
  return sealed;
}
