import type { Archive } from "../archive/archive.ts";
import type { ChainHead } from "../domain/evidence-chain.ts";
import type { StoredEvidence } from "../store/evidence-ledger.ts";
import type { SegmentRow } from "../store/ledger-archive.ts";
import { type ArchiveReading, readArchive } from "./read-archive.ts";

// The store against its archive (decision 156): every segment the store sealed is there
// with the bytes it sealed, the record the store's ledger now starts after is the
// archive's, and every record both hold is the same record.

export interface ArchiveAgreement {
  reading: ArchiveReading;
  problems: string[];
}

export async function checkAgainstArchive(
  archive: Archive,
  segments: readonly SegmentRow[],
  base: ChainHead,
  rows: readonly StoredEvidence[],
): Promise<ArchiveAgreement> {
  const reading = await readArchive(archive);
  const problems = [...reading.problems];
  const objects = new Map(reading.segments.map((s) => [s.key, s.sha256]));
  for (const segment of segments) {
    const found = objects.get(segment.object);
    if (found === undefined)
      problems.push(
        `${segment.object} (records ${segment.firstSeq}–${segment.lastSeq}) is missing`,
      );
    else if (found !== segment.sha256)
      problems.push(
        `${segment.object} is not the object sealed on ${new Date(segment.sealedAtMs).toISOString()}`,
      );
  }
  if (base.seq > 0 && reading.hashes.get(base.seq) !== base.hash)
    problems.push(
      `the ledger in the store starts after record ${base.seq} (sha256 ${base.hash}), which the archive does not hold`,
    );
  for (const row of rows) {
    const archived = reading.hashes.get(row.seq);
    if (archived !== undefined && archived !== row.hash)
      problems.push(`record ${row.seq} in the store differs from the archived one`);
  }
  return { reading, problems };
}
