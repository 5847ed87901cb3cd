import { errorMessage } from "../domain/error-message.ts";
import { emptyRecordSet, type RecordKind, type RecordSet } from "../domain/records.ts";
import { RECORD_SET_FIELD } from "../store/store.ts";
import { type InputLine, UnreadableLine } from "./byte-lines.ts";
import { DuplicateWatch } from "./duplicates.ts";
import { ingestRules } from "./ingest-rules.ts";
import { jsonArrayRejection, opensArray } from "./json-array.ts";
import { parseLine } from "./parse-line.ts";
import { addUpsertCounts, emptyReport, type ImportContext, type ImportReport } from "./report.ts";

// Streams lines into the store in batches: memory stays flat for any file size, and
// each batch is one transaction, so a store failure keeps every batch before it.

/** Records per upsert: big enough to amortise a transaction, small enough to retry. */
export const IMPORT_BATCH_SIZE = 2_000;

interface PendingRecord {
  kind: RecordKind;
  record: unknown;
  line: number;
}

class PendingBatch {
  records: RecordSet = emptyRecordSet();
  entries: PendingRecord[] = [];

  add(kind: RecordKind, record: unknown, line: number): void {
    (this.records[RECORD_SET_FIELD[kind]] as unknown[]).push(record);
    this.entries.push({ kind, record, line });
  }

  get size(): number {
    return this.entries.length;
  }
}

function recordSetOf(entry: PendingRecord): Partial<RecordSet> {
  return { [RECORD_SET_FIELD[entry.kind]]: [entry.record] };
}

/**
 * Stores one batch. When the database refuses it for a data reason, the batch is retried
 * record by record, so only the offending lines are rejected and the valid ones stored.
 */
async function store(
  batch: PendingBatch,
  source: string,
  ctx: ImportContext,
  report: ImportReport,
) {
  if (batch.size === 0) return;
  try {
    addUpsertCounts(report, await ctx.store.upsert(batch.records));
    return;
  } catch (error) {
    if (!isDataError(error)) throw withLines(error, source, batch);
  }
  for (const entry of batch.entries) {
    try {
      addUpsertCounts(report, await ctx.store.upsert(recordSetOf(entry)));
    } catch (error) {
      if (!isDataError(error)) throw withLines(error, source, batch);
      report.accepted[entry.kind] -= 1;
      const message = `refused by the store: ${errorMessage(error)}`;
      report.rejected.push({
        source,
        line: entry.line,
        kind: entry.kind,
        code: "invalid_field",
        message,
      });
    }
  }
}

function withLines(error: unknown, source: string, batch: PendingBatch): Error {
  const where = `${source} lines ${batch.entries[0]?.line}-${batch.entries.at(-1)?.line}`;
  return new Error(`store records from ${where}: ${errorMessage(error)}`, { cause: error });
}

/** SQLSTATE classes 22 (data exception) and 23 (integrity): the row, not the store, is at fault. */
function isDataError(error: unknown): boolean {
  for (
    let e = error;
    e instanceof Error || (e && typeof e === "object");
    e = (e as { cause?: unknown }).cause
  ) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && /^2[23]/.test(code)) return true;
    if (!(e as { cause?: unknown }).cause) break;
  }
  return false;
}

/**
 * Imports NDJSON lines (numbered from 1) read from source. Valid lines are stored even
 * when others are rejected; the report lists every rejection with its line, and every
 * stored line that carried unknown fields as a warning. Input that opens with a JSON
 * array is refused whole, with one rejection.
 */
export async function importLines(
  lines: AsyncIterable<InputLine> | Iterable<InputLine>,
  source: string,
  ctx: ImportContext,
): Promise<ImportReport> {
  const rules = ingestRules(ctx.config, ctx.strict);
  const report = emptyReport();
  let batch = new PendingBatch();
  let line = 0;
  let first = true;
  const duplicates = new DuplicateWatch();
  for await (const raw of lines) {
    line += 1;
    if (raw instanceof UnreadableLine) {
      report.rejected.push({ source, line, code: raw.code, message: raw.message });
      continue;
    }
    // A byte-order mark is an encoding artefact of the file, not part of the first record.
    const text = line === 1 ? raw.replace(/^\uFEFF/, "") : raw;
    if (first && text.trim() !== "") {
      first = false;
      if (opensArray(text)) {
        report.rejected.push(jsonArrayRejection(source));
        break;
      }
    }
    const outcome = parseLine(text, rules);
    if ("blank" in outcome) continue;
    if ("record" in outcome) {
      if (outcome.warning)
        report.warnings.push({
          source,
          line,
          kind: outcome.kind,
          code: "unknown_field",
          ...outcome.warning,
        });
      const earlier = duplicates.conflict(outcome.kind, outcome.record, line);
      if (earlier !== undefined)
        report.warnings.push({
          source,
          line,
          kind: outcome.kind,
          code: "conflicting_duplicate",
          message: `same identity as line ${earlier} with different content; this line is stored`,
        });
      report.accepted[outcome.kind] += 1;
      batch.add(outcome.kind, outcome.record, line);
      if (batch.size >= IMPORT_BATCH_SIZE) {
        await store(batch, source, ctx, report);
        batch = new PendingBatch();
      }
    } else {
      report.rejected.push({ source, line, ...outcome });
    }
  }
  await store(batch, source, ctx, report);
  return report;
}
