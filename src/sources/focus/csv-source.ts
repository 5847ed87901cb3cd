import { isAscii } from "node:buffer";
import { createReadStream } from "node:fs";
import type { Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import { type ColumnMap, FIELDS } from "./columns.ts";
import { type CsvRecord, CsvScanner } from "./csv-scanner.ts";

// A FOCUS CSV file, plain or gzip-compressed (AWS and Azure both deliver .csv.gz), read
// as a stream: memory holds one chunk and the groups, never the file.

const CHUNK_BYTES = 1 << 16;

export interface CsvRowHandler {
  /** Maps the header, or throws when it is not FOCUS. */
  header(names: readonly string[]): ColumnMap;
  row(values: readonly string[], line: number): void;
  /** A record whose field count differs from the header's. */
  malformed(line: number, fields: number, expected: number): void;
}

/** The file's bytes, decompressed when gzip; close() releases the file in every case. */
function open(path: string, gzip: boolean): { input: Readable; close(): void } {
  const file = createReadStream(path, { highWaterMark: CHUNK_BYTES });
  if (!gzip) return { input: file, close: () => file.destroy() };
  const gunzip = createGunzip({ chunkSize: CHUNK_BYTES });
  file.on("error", (error) => gunzip.destroy(error));
  return {
    input: file.pipe(gunzip),
    close: () => {
      gunzip.destroy();
      file.destroy();
    },
  };
}

/** True when the chunk ends inside a multi-byte UTF-8 character. */
function endsMidCharacter(chunk: Buffer): boolean {
  for (let back = 1; back <= Math.min(3, chunk.length); back++) {
    const byte = chunk[chunk.length - back] as number;
    if (byte < 0x80) return false;
    if (byte >= 0xc0) return back < (byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2);
  }
  return false;
}

/** UTF-8 decoding, with all-ASCII chunks (nearly all of a billing export) copied as is. */
function utf8Chunks(): (chunk: Buffer) => string {
  const decoder = new TextDecoder("utf-8");
  let midCharacter = false;
  return (chunk) => {
    if (!midCharacter && isAscii(chunk)) return chunk.toString("latin1");
    midCharacter = endsMidCharacter(chunk);
    return decoder.decode(chunk, { stream: midCharacter });
  };
}

class HeaderRead extends Error {}

/** Streams the file through the handler; stops early when `headerOnly`. */
export async function readCsv(
  path: string,
  gzip: boolean,
  handler: CsvRowHandler,
  headerOnly = false,
): Promise<void> {
  const { input, close } = open(path, gzip);
  const decode = utf8Chunks();
  let width = -1;
  const scanner = new CsvScanner((record: CsvRecord) => {
    if (width < 0) {
      const columns = handler.header(record.values);
      width = columns.width;
      if (headerOnly) throw new HeaderRead();
      scanner.select(columns.slots, FIELDS.length);
    } else if (record.fieldCount !== width) {
      handler.malformed(record.line, record.fieldCount, width);
    } else {
      handler.row(record.values, record.line);
    }
  });
  try {
    for await (const chunk of input) scanner.push(decode(chunk as Buffer));
    scanner.end();
    if (width < 0) handler.header([]);
  } catch (error) {
    if (!(error instanceof HeaderRead)) throw error;
  } finally {
    close();
  }
}
