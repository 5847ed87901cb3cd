import { createHash } from "node:crypto";
import type { Archive } from "../archive/archive.ts";
import { sha256Hex } from "../evidence/canonical-json.ts";
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

export const objectSha256 = (body: Buffer) => createHash("sha256").update(body).digest("hex");

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
    if (header.first !== expected)
      reading.problems.push(
        header.first > expected
          ? `${key}: records ${expected}–${header.first - 1} are in no segment`
          : `${key}: starts at record ${header.first}, overlapping the segment before`,
      );
    else if ((header.previous?.hash ?? null) !== (last?.hash ?? null))
      reading.problems.push(`${key}: does not continue the chain of the segment before`);
    segment.records.forEach((text, i) => {
      reading.hashes.set(header.first + i, sha256Hex(text));
      reading.texts?.set(header.first + i, text);
    });
    reading.segments.push({ key, header, sha256: objectSha256(body) });
    last = { seq: header.last, hash: header.lastHash };
  }
  return reading;
}
