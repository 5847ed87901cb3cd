// POST /api/v1/events: NDJSON (or one JSON object) and CDEvents as CloudEvents handed to
// the importer as text, then a snapshot refresh so the caller sees its KPIs as soon as it
// has the answer.
import express, { type Request, type RequestHandler, type Response } from "express";
import { CLOUDEVENT_TYPE, CLOUDEVENTS_BATCH_TYPE, importText } from "../sources/cdevents/http.ts";
import type { Logger, ServedSnapshots } from "./snapshot-service.ts";

/** What the importer answers; `rejected` lists the refused lines with number and reason. */
export type IngestReport = { readonly rejected: readonly unknown[] };
/** strict: reject lines with unknown fields (?strict=true; the config's import.strict always does). */
export type Ingest = (body: string, options: { strict: boolean }) => Promise<IngestReport>;

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

/** Reads the body as a string of at most `limit` (bytes syntax: "10mb"); 413 beyond. */
export function eventBody(limit: string): RequestHandler {
  return express.text({ type: EVENT_CONTENT_TYPES, limit });
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
    const body: unknown = req.body;
    if (typeof body !== "string") {
      res.status(415).json({
        error: `send events with Content-Type ${EVENT_CONTENT_TYPES.join(", ")}`,
      });
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
      report = await ingest(importText(req.headers, body), { strict });
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
