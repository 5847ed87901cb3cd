import { open } from "node:fs/promises";
import { errorMessage } from "../../domain/error-message.ts";
import type { IngestRules } from "../../import/ingest-rules.ts";
import type { Rejection } from "../../import/report.ts";
import type { RejectCode } from "../../vocabulary/reject-codes.ts";
import { FocusHeaderError, mapColumns } from "./columns.ts";
import { readCsv } from "./csv-source.ts";
import type { DailyCosts } from "./daily-costs.ts";
import { readParquet } from "./parquet-source.ts";
import { FocusRowReader } from "./row-reader.ts";

// One FOCUS file, whatever its encoding: the format is recognised by its first bytes
// (exports are renamed and re-compressed too often to trust an extension).

export type FocusEncoding = "csv" | "csv.gz" | "parquet";

export async function encodingOf(path: string): Promise<FocusEncoding> {
  const file = await open(path, "r");
  try {
    const { buffer, bytesRead } = await file.read(Buffer.alloc(4), 0, 4, 0);
    if (bytesRead >= 2 && buffer[0] === 0x1f && buffer[1] === 0x8b) return "csv.gz";
    if (bytesRead === 4 && buffer.toString("latin1") === "PAR1") return "parquet";
    return "csv";
  } finally {
    await file.close();
  }
}

/** Throws a FocusHeaderError naming the file and its missing columns; reads no row. */
export async function checkFocusHeader(path: string, source: string): Promise<void> {
  const header = (names: readonly string[]) => mapColumns(names, source);
  const encoding = await encodingOf(path);
  if (encoding === "parquet") await readParquet(path, { header, row() {} }, true);
  else await readCsv(path, encoding === "csv.gz", { header, row() {}, malformed() {} }, true);
}

export interface FocusFileRead {
  costs: DailyCosts;
  accepted: number;
  /** The first rejections with their lines, then a summary per reason. */
  rejected: Rejection[];
  /** Every rejected row, per reason. */
  rejectedCounts: ReadonlyMap<RejectCode, number>;
}

/** Reads every row of the file into day groups; rows that cannot count are rejected. */
export async function readFocusFile(
  path: string,
  source: string,
  rules: IngestRules,
): Promise<FocusFileRead> {
  const reader = new FocusRowReader(rules, source);
  const header = (names: readonly string[]) => mapColumns(names, source);
  const row = (values: readonly unknown[], line: number) => reader.read(values, line);
  const malformed = (line: number, fields: number, expected: number) =>
    reader.rejections.add(
      line,
      "(row)",
      "invalid_field",
      `has ${fields} fields, the header ${expected}`,
    );
  try {
    const encoding = await encodingOf(path);
    if (encoding === "parquet") await readParquet(path, { header, row });
    else await readCsv(path, encoding === "csv.gz", { header, row, malformed });
  } catch (error) {
    if (error instanceof FocusHeaderError) throw error;
    throw new Error(`read ${source}: ${errorMessage(error)}`, { cause: error });
  }
  return {
    costs: reader.costs,
    accepted: reader.accepted,
    rejected: reader.rejections.rejections(),
    rejectedCounts: reader.rejections.counts,
  };
}
