import type { Archive } from "../archive/archive.ts";
import { before, type RetentionPeriod } from "../config/retention-period.ts";
import type { SegmentRow } from "../store/ledger-archive.ts";
import type { Store } from "../store/store.ts";
import { readArchive } from "./read-archive.ts";

// Pruning the ledger in the store: only whole archived segments whose every record is
// past the ledger's retention, only as an unbroken prefix, and only after the archive was
// read back and found to hold exactly the records the store is about to let go of.

export interface LedgerPrune {
  /** The segment the store's ledger now starts after, if it moved. */
  through?: SegmentRow;
  deleted: number;
}

export async function pruneLedger(
  store: Store,
  archive: Archive,
  ledger: RetentionPeriod,
  now: number,
): Promise<LedgerPrune> {
  const horizon = before(now, ledger);
  const base = await store.ledgerArchive.base();
  let through: SegmentRow | undefined;
  for (const segment of await store.ledgerArchive.segments()) {
    if (segment.lastSeq <= base.seq) continue;
    if (segment.newestRecordedAtMs >= horizon) break;
    through = segment;
  }
  if (!through) return { deleted: 0 };
  const reading = await readArchive(archive, { keepTexts: true, through: through.lastSeq });
  const refuse = (why: string) =>
    new Error(`${archive.location}: ${why}; nothing was pruned (run evidence verify --archive)`);
  if (reading.problems.length) throw refuse(reading.problems[0] as string);
  const objects = new Map(reading.segments.map((s) => [s.key, s.sha256]));
  for (const segment of await store.ledgerArchive.segments()) {
    if (segment.lastSeq <= base.seq || segment.lastSeq > through.lastSeq) continue;
    if (objects.get(segment.object) !== segment.sha256)
      throw refuse(`${segment.object} is not the object sealed (sha256 ${segment.sha256})`);
  }
  for (const row of await store.ledgerArchive.rowsIn(base.seq, through.lastSeq))
    if (reading.texts?.get(row.seq) !== row.text)
      throw refuse(`record ${row.seq} in the store differs from the archived one`);
  return { through, deleted: await store.ledgerArchive.prune(through, horizon) };
}
