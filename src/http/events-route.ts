// POST /api/v1/events: NDJSON (or one JSON object) and CDEvents as CloudEvents handed to
// the importer as text, then a snapshot refresh so the caller sees its KPIs as soon as it
// has the answer.
import { isUtf8 } from "node:buffer";
import express, { type Request, type RequestHandler, type Response } from "express";
import {
  CLOUDEVENT_TYPE,
  CLOUDEVENTS_BATCH_TYPE,
  importText,
  isBinaryCloudEvent,
} from "../sources/cdevents/http.ts";
import type { Logger, ServedSnapshots } from "./snapshot-service.ts";

/** What the importer answers; `rejected` lists the refused lines with number and reason. */
export type IngestReport = { readonly rejected: readonly unknown[] };
/**
 * strict: reject lines with unknown fields (?strict=true; the config's import.strict always
 * does). A body that is not UTF-8 throughout arrives as bytes, to be read line by line.
 */
export type Ingest = (body: string | Buffer, options: { strict: boolean }) => Promise<IngestReport>;

/** ?strict=true asks this request to reject lines with unknown fields; false or absent does not. */
function strictParam(value: unknown): boolean | undefined {
  if (value === undefined || value === "false") return false;
  if (value === "true") return true;
  return undefined;
}

/** Body types read as text; anything else is refused with 415 rather than guessed at. */
export const EVENT_CONTENT_TYPES = [
  "application/x-ndjson",
  "application/json",
  "text/plain",
  CLOUDEVENT_TYPE,
  CLOUDEVENTS_BATCH_TYPE,
];

/**
 * Reads the body as bytes, at most `limit` (bytes syntax: "10mb"; 413 beyond): decoding is
 * the handler's, so bytes that are not UTF-8 are refused rather than replaced.
 */
export function eventBody(limit: string): RequestHandler {
  return express.raw({ type: EVENT_CONTENT_TYPES, limit });
}

/** Events are UTF-8 (JSON's encoding); a body declaring another charset is refused, not guessed. */
function declaresOtherCharset(req: Request): boolean {
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(req.headers["content-type"] ?? "")?.[1];
  return charset !== undefined && !/^utf-?8$/i.test(charset);
}

/** The body as text, or the bytes when some line is not UTF-8 (NDJSON only). */
function decoded(req: Request, body: Buffer): string | Buffer | { error: string } {
  if (isUtf8(body)) return importText(req.headers, body.toString("utf8"));
  const type = (req.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase();
  if (
    type === CLOUDEVENT_TYPE ||
    type === CLOUDEVENTS_BATCH_TYPE ||
    isBinaryCloudEvent(req.headers)
  )
    return { error: "the body is not valid UTF-8" };
  return body;
}

export function eventsHandler(
  snapshots: ServedSnapshots,
  ingest: Ingest | undefined,
  logger: Logger,
) {
  return async (req: Request, res: Response): Promise<void> => {
    if (ingest === undefined) {
      res.status(501).json({ error: "event ingestion is not configured on this server" });
      return;
    }
    const raw: unknown = req.body;
    if (!Buffer.isBuffer(raw) || declaresOtherCharset(req)) {
      res.status(415).json({
        error: `send events in UTF-8 with Content-Type ${EVENT_CONTENT_TYPES.join(", ")}`,
      });
      return;
    }
    const body = decoded(req, raw);
    if (typeof body === "object" && "error" in body) {
      res.status(400).json(body);
      return;
    }
    const strict = strictParam(req.query.strict);
    if (strict === undefined) {
      res.status(400).json({ error: "strict: expected true or false" });
      return;
    }
    let report: IngestReport;
    try {
      // CloudEvents in any HTTP mode reach the importer as one batch it recognises.
      report = await ingest(body, { strict });
    } catch (error) {
      logger.error("event ingestion failed", { error: String(error) });
      res.status(500).json({ error: "event ingestion failed; see the server log" });
      return;
    }
    // Awaited before answering: the client may query the KPIs right after. refresh() never
    // rejects, and a failed refresh leaves the events stored for the next one.
    await snapshots.refresh();
    const rejected = report.rejected.length;
    if (rejected === 0) {
      res.status(200).json(report);
      return;
    }
    res.status(422).json({
      ...report,
      error: `${rejected} line(s) rejected; the valid lines were stored`,
    });
  };
}
