import { open } from "node:fs/promises";
import { errorMessage } from "../domain/error-message.ts";
import { streamLines, UnreadableLine } from "../import/byte-lines.ts";
import type { ImportReport } from "../import/index.ts";
import { isRecordArray, jsonArrayRejection } from "../import/json-array.ts";
import { requestServer, unexpectedAnswer } from "./forward.ts";
import type { RemoteServer } from "./store-or-server.ts";

// `import` through the exporter that holds the store: each file posted to
// POST /api/v1/events, NDJSON in pieces well below the default body limit, a JSON document
// (CDEvents as a CloudEvents array, a pretty-printed object) whole. The server answers the
// importer's own report; rejections get their file and line back.

const PIECE_BYTES = 4 * 1024 * 1024;

interface Piece {
  path: string;
  lines: string[];
  firstLine: number;
  /** A JSON document, which only means something whole. */
  whole: boolean;
}

/** A first line that is not a JSON value by itself starts a document spanning lines. */
function startsDocument(line: string): boolean {
  const text = line.trim();
  if (text.startsWith("[")) return true;
  try {
    JSON.parse(text);
    return false;
  } catch {
    return true;
  }
}

/** A line that is not text is rejected here, by number; a blank takes its place in the piece. */
type OnUnreadable = (line: number, why: UnreadableLine) => void;

async function* piecesOf(path: string, onUnreadable: OnUnreadable): AsyncGenerator<Piece> {
  const file = await open(path, "r");
  try {
    let piece: Piece = { path, lines: [], firstLine: 1, whole: false };
    let bytes = 0;
    let kindKnown = false;
    for await (const input of streamLines(file.createReadStream())) {
      let line = "";
      if (input instanceof UnreadableLine)
        onUnreadable(piece.firstLine + piece.lines.length, input);
      else line = input;
      if (!kindKnown && line.trim() !== "") {
        piece.whole = startsDocument(line);
        kindKnown = true;
      }
      if (!piece.whole && bytes + line.length > PIECE_BYTES && piece.lines.length) {
        yield piece;
        piece = { path, lines: [], firstLine: piece.firstLine + piece.lines.length, whole: false };
        bytes = 0;
      }
      piece.lines.push(line);
      bytes += Buffer.byteLength(line) + 1;
    }
    if (piece.lines.length) yield piece;
  } finally {
    await file.close();
  }
}

function add(total: ImportReport, report: ImportReport, piece: Piece): void {
  const accepted = total.accepted as Record<string, number>;
  for (const [kind, n] of Object.entries(report.accepted))
    accepted[kind] = (accepted[kind] ?? 0) + n;
  total.written += report.written;
  total.unchanged += report.unchanged;
  const offset = piece.whole ? 0 : piece.firstLine - 1;
  for (const r of report.rejected)
    total.rejected.push({ ...r, source: piece.path, line: r.line + offset });
  for (const w of report.warnings ?? [])
    total.warnings.push({ ...w, source: piece.path, line: w.line + offset });
}

/**
 * A file holding a JSON array of import records, refused here as the local import
 * refuses it, so the message names the file (the server only sees a body).
 */
function recordArray(piece: Piece): boolean {
  if (!piece.whole || !piece.lines.join("").trimStart().startsWith("[")) return false;
  try {
    const value: unknown = JSON.parse(piece.lines.join("\n"));
    return Array.isArray(value) && isRecordArray(value);
  } catch {
    // Not JSON at all: no CloudEvents batch either, and still an array given as NDJSON.
    return true;
  }
}

async function send(
  server: RemoteServer,
  piece: Piece,
  total: ImportReport,
  strict: boolean,
): Promise<void> {
  if (recordArray(piece)) {
    total.rejected.push(jsonArrayRejection(piece.path));
    return;
  }
  const path = strict ? "/api/v1/events?strict=true" : "/api/v1/events";
  const response = await requestServer(server, path, "write", {
    method: "POST",
    headers: { "content-type": "application/x-ndjson" },
    body: piece.lines.join("\n"),
  });
  // 413 is answered before the body is read: nothing of it was stored, so halves can follow.
  if (response.status === 413) {
    await response.body?.cancel();
    if (piece.whole || piece.lines.length < 2)
      throw new Error(
        `${piece.path}:${piece.firstLine}: larger than the body limit of ${server.name} (server.body_limit in its config)`,
      );
    const half = Math.ceil(piece.lines.length / 2);
    await send(server, { ...piece, lines: piece.lines.slice(0, half) }, total, strict);
    const rest = { ...piece, lines: piece.lines.slice(half), firstLine: piece.firstLine + half };
    return send(server, rest, total, strict);
  }
  if (response.status !== 200 && response.status !== 422)
    throw await unexpectedAnswer(server, response);
  add(total, (await response.json()) as ImportReport, piece);
}

export async function forwardImport(
  files: string[],
  server: RemoteServer,
  { strict }: { strict: boolean },
): Promise<ImportReport> {
  const total = {
    accepted: {},
    written: 0,
    unchanged: 0,
    rejected: [],
    warnings: [],
  } as unknown as ImportReport;
  try {
    for (const path of files)
      for await (const piece of piecesOf(path, (line, why) =>
        total.rejected.push({ source: path, line, code: why.code, message: why.message }),
      ))
        await send(server, piece, total, strict);
  } catch (error) {
    const before =
      total.written + total.unchanged > 0
        ? ` (stored before that: ${total.written} written, ${total.unchanged} unchanged)`
        : "";
    throw new Error(`${errorMessage(error)}${before}`, { cause: error });
  }
  return total;
}
