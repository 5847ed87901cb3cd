import { open } from "node:fs/promises";
import { pipeline, Transform } from "node:stream";
import { bufferLines, limitedText, streamLines } from "../import/byte-lines.ts";
import type { FileImportOptions, ImportProgress } from "../import/file-importer.ts";
import { importLines } from "../import/import-lines.ts";
import { isRecordArray, jsonArrayRejection, REQUEST_SOURCE } from "../import/json-array.ts";
import { addReport, emptyReport, type ImportContext, type ImportReport } from "../import/report.ts";
import { cloudEventEntries } from "./cdevents/envelope.ts";
import { importCloudEvents } from "./cdevents/import-cdevents.ts";

// The two ways events arrive: files named on the command line, and request bodies
// posted to /api/v1/events.

/** Imports each file in turn, streaming it line by line; rejections name the path. */
export async function importFiles(
  paths: string[],
  ctx: ImportContext,
  options: FileImportOptions = {},
): Promise<ImportReport> {
  const total = emptyReport();
  for (const path of paths) {
    // Opening first turns a missing file into an error here, before any line is read.
    const file = await open(path, "r");
    let progress: ImportProgress | undefined;
    try {
      const stat = await file.stat();
      // A pipe or a device has no size to count towards.
      if (stat.isFile() && stat.size > 0) progress = options.progress?.(`${path} MB`);
      const size = stat.size;
      const read = countedBytes(size, progress);
      // pipeline, not pipe: a read error must end the lines with that error, not stall them.
      pipeline(file.createReadStream(), read, () => {});
      const lines = streamLines(read);
      addReport(total, await importLines(lines, path, ctx));
    } finally {
      progress?.done();
      await file.close();
    }
  }
  return total;
}

const MB = 1024 * 1024;
const inMb = (bytes: number) => Math.round((bytes / MB) * 10) / 10;

/** The bytes passing through, told to `progress` in megabytes of `size` as the tenth moves. */
function countedBytes(size: number, progress: ImportProgress | undefined): Transform {
  let bytes = 0;
  let shown = -1;
  return new Transform({
    transform(chunk: Buffer, _encoding, next) {
      bytes += chunk.length;
      const done = inMb(bytes);
      if (done !== shown) progress?.update(done, inMb(size));
      shown = done;
      next(null, chunk);
    },
  });
}

/**
 * Imports a body that is not valid UTF-8 as a whole: as NDJSON, each line checked on its
 * own, so the lines that are text are stored and the others rejected by number.
 */
function importUndecodedBody(body: Buffer, ctx: ImportContext): Promise<ImportReport> {
  return importLines(bufferLines(body), REQUEST_SOURCE, ctx);
}

/** A request body as the events route hands it over: text, or bytes that are not all UTF-8. */
export function importRequest(body: string | Buffer, ctx: ImportContext): Promise<ImportReport> {
  return typeof body === "string" ? importBody(body, ctx) : importUndecodedBody(body, ctx);
}

/**
 * Imports an HTTP body: CloudEvents or CDEvents (a JSON array, or one such object),
 * else one JSON object (possibly pretty-printed over several lines) or NDJSON.
 * Rejections name source "request".
 */
export async function importBody(body: string, ctx: ImportContext): Promise<ImportReport> {
  const events = cloudEventEntries(body);
  if (events && isRecordArray(events)) {
    const report = emptyReport();
    report.rejected.push(jsonArrayRejection(REQUEST_SOURCE));
    return report;
  }
  if (events) return importCloudEvents(events, ctx);
  // A JSON text holds no raw newline inside a string, so a pretty-printed object is
  // still one record: it goes through whole, as line 1.
  // A request's lines are held to the same length limit as a file's (decision 151).
  if (isSingleJsonObject(body)) return importLines([limitedText(body)], REQUEST_SOURCE, ctx);
  return importLines(
    body.split(/\r?\n/).map((line) => limitedText(line)),
    REQUEST_SOURCE,
    ctx,
  );
}

function isSingleJsonObject(body: string): boolean {
  const trimmed = body.trim();
  if (!trimmed.startsWith("{") || !trimmed.includes("\n")) return false;
  try {
    const value: unknown = JSON.parse(trimmed);
    return value !== null && typeof value === "object" && !Array.isArray(value);
  } catch {
    return false;
  }
}
