import type { Archive } from "../archive/archive.ts";
import { sha256Hex } from "../domain/canonical-json.ts";
import {
  isSegmentKey,
  parseSegment,
  SEGMENT_PREFIX,
  type SegmentHeader,
  segmentProblems,
} from "./segment.ts";

// Reading the whole archive with nothing but the archive: every segment intact on its own,
// and the segments one unbroken chain from record 1 (decision 156). This is what an
// auditor runs offline, and what a prune runs before it deletes anything.

export interface ArchivedSegment {
  key: string;
  header: SegmentHeader;
  /** SHA-256 of the object's bytes, as the store's segment table records it. */
  sha256: string;
}

export interface ArchiveReading {
  segments: ArchivedSegment[];
  problems: string[];
  /** Each archived record's hash by seq, for checkpoints and the store's base. */
  hashes: Map<number, string>;
  /** The record texts by seq, when asked for (a prune compares them with the store's). */
  texts?: Map<number, string>;
}

export async function readArchive(
  archive: Archive,
  options: { keepTexts?: boolean; through?: number } = {},
): Promise<ArchiveReading> {
  const keys = (await archive.list(SEGMENT_PREFIX)).filter(isSegmentKey);
  const reading: ArchiveReading = { segments: [], problems: [], hashes: new Map() };
  if (options.keepTexts) reading.texts = new Map();
  let last: { seq: number; hash: string } | null = null;
  for (const key of keys) {
    const body = await archive.get(key);
    if (!body) {
      reading.problems.push(`${key}: listed but cannot be read`);
      continue;
    }
    const segment = parseSegment(body);
    if (typeof segment === "string") {
      reading.problems.push(`${key}: ${segment}`);
      continue;
    }
    const { header } = segment;
    if (options.through !== undefined && header.first > options.through) break;
    for (const problem of segmentProblems(key, segment))
      reading.problems.push(`${key}: ${problem}`);
    const expected = (last?.seq ?? 0) + 1;
    const linked = header.first === 1 ? null : (reading.hashes.get(header.first - 1) ?? null);
    if (header.first > expected)
      reading.problems.push(`${key}: records ${expected}–${header.first - 1} are in no segment`);
    else if ((header.previous?.hash ?? null) !== linked)
      reading.problems.push(`${key}: does not continue the chain of the segment before`);
    // An overlap (a run that died after its write, two runs at once) is harmless while
    // every record the segments share is the same record.
    segment.records.forEach((text, i) => {
      const seq = header.first + i;
      const hash = sha256Hex(text);
      const held = reading.hashes.get(seq);
      if (held !== undefined && held !== hash)
        reading.problems.push(
          `${key}: record ${seq} differs from the one an earlier segment holds`,
        );
      reading.hashes.set(seq, held ?? hash);
      if (!reading.texts?.has(seq)) reading.texts?.set(seq, text);
    });
    reading.segments.push({ key, header, sha256: sha256Hex(body) });
    if (header.last > (last?.seq ?? 0)) last = { seq: header.last, hash: header.lastHash };
  }
  return reading;
}
