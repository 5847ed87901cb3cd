import { brotliDecompressSync, gunzipSync, zstdDecompressSync } from "node:zlib";
import {
  asyncBufferFromFile,
  type Compressors,
  parquetMetadataAsync,
  parquetScan,
  parquetSchema,
} from "hyparquet";
import { type ColumnMap, FIELDS } from "./columns.ts";

// A FOCUS Parquet file (AWS Data Exports, Azure FocusCost exports), read one row group at
// a time and only the columns the importer uses, so memory holds one row group's few
// columns. hyparquet decodes Snappy itself; the other codecs exporters use come from
// node:zlib.

const COMPRESSORS: Compressors = {
  GZIP: (input) => gunzipSync(input),
  BROTLI: (input) => brotliDecompressSync(input),
  ZSTD: (input) => zstdDecompressSync(input),
};

export interface ParquetRowHandler {
  header(names: readonly string[]): ColumnMap;
  /** line: the 1-based row number within the file. */
  row(values: readonly unknown[], line: number): void;
}

export async function readParquet(
  path: string,
  handler: ParquetRowHandler,
  headerOnly = false,
): Promise<void> {
  const file = await asyncBufferFromFile(path);
  const metadata = await parquetMetadataAsync(file);
  const names = parquetSchema(metadata).children.map((child) => child.element.name);
  const { slots } = handler.header(names);
  if (headerOnly) return;
  const wanted = names.flatMap((name, i) => {
    const slot = slots[i] as number;
    return slot >= 0 ? [{ name, slot }] : [];
  });
  const scan = await parquetScan({
    file,
    metadata,
    columns: wanted.map((w) => w.name),
    compressors: COMPRESSORS,
  });
  const values: unknown[] = new Array(FIELDS.length).fill(null);
  for (const { rowStart, rowEnd } of scan.ranges) {
    const columns = await Promise.all(
      wanted.map((w) => scan.readColumn({ column: w.name, rowStart, rowEnd })),
    );
    for (let i = 0; i < rowEnd - rowStart; i++) {
      for (let c = 0; c < wanted.length; c++)
        values[(wanted[c] as { slot: number }).slot] = (columns[c] as ArrayLike<unknown>)[i];
      handler.row(values, rowStart + i + 1);
    }
  }
}
