import type { ConfigFile } from "../config/schema.ts";
import { RECORD_KINDS, type RecordKind } from "../domain/records.ts";
import type { Store, UpsertCounts } from "../store/store.ts";
import type { RejectCode } from "../vocabulary/reject-codes.ts";

// What an import tells its caller: the CLI prints it, the HTTP endpoint returns it and
// kpi_exporter_rejected_records_total{kind,reason} counts its rejections, and its
// warnings: lines stored without a field they carried (reason unknown_field).

export interface Rejection {
  source: string;
  /** 1-based line number within source. */
  line: number;
  /** The record kind, when the line named a known one. */
  kind?: string;
  /** Path of the offending field, e.g. approvals[0].at. */
  field?: string;
  code: RejectCode;
  message: string;
}

export interface ImportReport {
  accepted: Record<RecordKind, number>;
  written: number;
  unchanged: number;
  rejected: Rejection[];
  /** Lines stored all the same, less the fields listed here (code unknown_field). */
  warnings: Rejection[];
}

export interface ImportContext {
  store: Store;
  config: ConfigFile;
  /** Reject lines with unknown fields (--strict, ?strict=true); config import.strict always does. */
  strict?: boolean;
}

export function emptyReport(): ImportReport {
  const accepted = Object.fromEntries(RECORD_KINDS.map((kind) => [kind, 0]));
  return {
    accepted: accepted as Record<RecordKind, number>,
    written: 0,
    unchanged: 0,
    rejected: [],
    warnings: [],
  };
}

/** Adds b into a; returns a. */
export function addReport(a: ImportReport, b: ImportReport): ImportReport {
  for (const kind of RECORD_KINDS) a.accepted[kind] += b.accepted[kind];
  a.written += b.written;
  a.unchanged += b.unchanged;
  for (const rejection of b.rejected) a.rejected.push(rejection);
  for (const warning of b.warnings) a.warnings.push(warning);
  return a;
}

export function addUpsertCounts(report: ImportReport, counts: Record<RecordKind, UpsertCounts>) {
  for (const kind of RECORD_KINDS) {
    report.written += counts[kind].written;
    report.unchanged += counts[kind].unchanged;
  }
}
