import { emptyRecordSet, type RecordKind, type RecordSet } from "../domain/records.ts";
import { RECORD_SET_FIELD } from "../store/store.ts";
import { ingestRules } from "./ingest-rules.ts";
import { parseLine } from "./parse-line.ts";
import { addUpsertCounts, emptyReport, type ImportContext, type ImportReport } from "./report.ts";

// Streams lines into the store in batches: memory stays flat for any file size, and
// each batch is one transaction, so a store failure keeps every batch before it.

/** Records per upsert: big enough to amortise a transaction, small enough to retry. */
export const IMPORT_BATCH_SIZE = 2_000;

class PendingBatch {
  records: RecordSet = emptyRecordSet();
  size = 0;
  firstLine = 0;
  lastLine = 0;

  add(kind: RecordKind, record: unknown, line: number): void {
    if (this.size === 0) this.firstLine = line;
    (this.records[RECORD_SET_FIELD[kind]] as unknown[]).push(record);
    this.size += 1;
    this.lastLine = line;
  }
}

async function store(
  batch: PendingBatch,
  source: string,
  ctx: ImportContext,
  report: ImportReport,
) {
  if (batch.size === 0) return;
  try {
    addUpsertCounts(report, await ctx.store.upsert(batch.records));
  } catch (error) {
    const where = `${source} lines ${batch.firstLine}-${batch.lastLine}`;
    throw new Error(`store records from ${where}: ${(error as Error).message}`, { cause: error });
  }
}

/**
 * Imports NDJSON lines (numbered from 1) read from source. Valid lines are stored even
 * when others are rejected; the report lists every rejection with its line.
 */
export async function importLines(
  lines: AsyncIterable<string> | Iterable<string>,
  source: string,
  ctx: ImportContext,
): Promise<ImportReport> {
  const rules = ingestRules(ctx.config);
  const report = emptyReport();
  let batch = new PendingBatch();
  let line = 0;
  for await (const text of lines) {
    line += 1;
    // A byte-order mark is an encoding artefact of the file, not part of the first record.
    const outcome = parseLine(line === 1 ? text.replace(/^\uFEFF/, "") : text, rules);
    if ("blank" in outcome) continue;
    if ("record" in outcome) {
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
