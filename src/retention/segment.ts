import { parseCanonical, sha256Hex } from "../domain/canonical-json.ts";
import type { ChainHead } from "../domain/evidence-chain.ts";
import type { EvidenceLink, LedgerRecord } from "../domain/evidence-record.ts";
import type { StoredEvidence } from "../store/evidence-ledger.ts";

// A sealed ledger segment: consecutive records of the chain, as the text that was hashed,
// one per line, after a header line that says what they are. The records carry every
// fact their deployments were judged on (changes, approvals, checks, verdicts), so a
// segment is the evidence itself, readable with no database (decision 156).

export const SEGMENT_FORMAT = "kpi-exporter/ledger-segment/v1";
export const SEGMENT_PREFIX = "ledger/";

export interface SegmentHeader {
  format: typeof SEGMENT_FORMAT;
  first: number;
  last: number;
  count: number;
  /** The record before `first`, which the first record links to; null from record 1. */
  previous: { seq: number; hash: string } | null;
  lastHash: string;
  newestRecordedAt: string;
  sealedAt: string;
  retainUntil: string;
  legalHold: boolean;
  /** SHA-256 of the record lines (each ending in a newline). */
  recordsSha256: string;
}

export interface Segment {
  header: SegmentHeader;
  /** The records' texts, in seq order. */
  records: string[];
}

const pad = (seq: number) => String(seq).padStart(12, "0");
/** The start of the key of every segment that begins at record `first`. */
export const segmentKeysFrom = (first: number) => `${SEGMENT_PREFIX}segment-${pad(first)}-`;
export const segmentKey = (first: number, last: number) =>
  `${segmentKeysFrom(first)}${pad(last)}.ndjson`;
const KEY = /^ledger\/segment-(\d{12})-(\d{12})\.ndjson$/;
export const isSegmentKey = (key: string) => KEY.test(key);

const recordsText = (records: readonly string[]) => records.map((r) => `${r}\n`).join("");

export function buildSegment(
  rows: readonly StoredEvidence[],
  previous: ChainHead,
  lock: { sealedAtMs: number; retainUntilMs: number; legalHold: boolean },
): { key: string; body: Buffer; header: SegmentHeader } {
  const first = rows[0];
  const last = rows[rows.length - 1];
  if (!first || !last) throw new Error("a segment holds at least one record");
  const records = rows.map((row) => row.text);
  const header: SegmentHeader = {
    format: SEGMENT_FORMAT,
    first: first.seq,
    last: last.seq,
    count: rows.length,
    previous: previous.seq === 0 ? null : { seq: previous.seq, hash: previous.hash ?? "" },
    lastHash: last.hash,
    newestRecordedAt: new Date(Math.max(...rows.map((r) => r.recordedAtMs))).toISOString(),
    sealedAt: new Date(lock.sealedAtMs).toISOString(),
    retainUntil: new Date(lock.retainUntilMs).toISOString(),
    legalHold: lock.legalHold,
    recordsSha256: sha256Hex(recordsText(records)),
  };
  const body = Buffer.from(`${JSON.stringify(header)}\n${recordsText(records)}`);
  return { key: segmentKey(header.first, header.last), body, header };
}

/** The segment in an object's bytes, or why it is not one. */
export function parseSegment(body: Buffer): Segment | string {
  const text = body.toString("utf8");
  const lines = text.split("\n");
  if (lines.pop() !== "") return "it does not end with a newline: cut short";
  let header: SegmentHeader;
  try {
    header = JSON.parse(lines.shift() ?? "") as SegmentHeader;
  } catch {
    return "its first line is not a JSON header";
  }
  if (header?.format !== SEGMENT_FORMAT) return `not a ${SEGMENT_FORMAT} object`;
  return { header, records: lines };
}

/**
 * What is wrong inside one segment: its records against its header, and each record's
 * link to the one before (the previous segment's last record for the first).
 */
export function segmentProblems(key: string, segment: Segment): string[] {
  const { header, records } = segment;
  const problems: string[] = [];
  const named = KEY.exec(key);
  if (named && (Number(named[1]) !== header.first || Number(named[2]) !== header.last))
    problems.push(`its header says records ${header.first}–${header.last}`);
  if (sha256Hex(recordsText(records)) !== header.recordsSha256)
    problems.push("its records do not match the header's sha256: altered after sealing");
  if (records.length !== header.count || header.last - header.first + 1 !== header.count)
    problems.push(`it holds ${records.length} records, its header says ${header.count}`);
  let link: { seq: number; hash: string } | null = header.previous;
  for (const text of records) {
    const record = parseCanonical(text) as LedgerRecord | undefined;
    const expected = (link?.seq ?? 0) + 1;
    if (!record) {
      problems.push(`record ${expected}: not the canonical JSON that was hashed`);
      return problems;
    }
    const previous = record.previous as EvidenceLink | null;
    if (record.seq !== expected) problems.push(`record ${record.seq} where ${expected} belongs`);
    else if (
      (previous?.seq ?? 0) !== (link?.seq ?? 0) ||
      (previous?.hash ?? null) !== (link?.hash ?? null)
    )
      problems.push(`record ${record.seq} does not link to record ${link?.seq ?? "none"}`);
    link = { seq: record.seq, hash: sha256Hex(text) };
  }
  if (link && link.hash !== header.lastHash)
    problems.push(`its last record's sha256 is not the header's ${header.lastHash}`);
  return problems;
}
