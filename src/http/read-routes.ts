// The read side of the HTTP API: /metrics and /api/v1/kpis. Both answer from the cached
// snapshot only, so they are cheap and give the same numbers.
import type { Request, Response } from "express";
import type { Sample } from "../engine/snapshot-types.ts";
import { LABEL } from "../vocabulary/conventions.ts";
import { acceptsGzip } from "./gzip-body.ts";
import { negotiateFormat } from "./negotiate.ts";
import { OPENMETRICS_CONTENT_TYPE, PROMETHEUS_CONTENT_TYPE } from "./render.ts";
import type { ServedSnapshots } from "./snapshot-service.ts";

const NOT_READY = { error: "no KPI snapshot yet: the first refresh has not completed" };

export function metricsHandler(snapshots: ServedSnapshots) {
  return async (req: Request, res: Response): Promise<void> => {
    const format = negotiateFormat(req.get("accept"));
    const gzipped = acceptsGzip(req.get("accept-encoding"))
      ? await snapshots.gzippedChunks(format)
      : undefined;
    const chunks = gzipped ?? (await snapshots.scrapeChunks(format));
    if (chunks === undefined) {
      res.status(503).json(NOT_READY);
      return;
    }
    // Set on the raw response and sent with end(): res.send() would re-serialise the
    // Content-Type and reorder its parameters (charset before version).
    res.status(200);
    res.setHeader(
      "Content-Type",
      format === "openmetrics" ? OPENMETRICS_CONTENT_TYPE : PROMETHEUS_CONTENT_TYPE,
    );
    res.setHeader("Cache-Control", "no-store");
    res.setHeader("Vary", "Accept, Accept-Encoding");
    if (gzipped) res.setHeader("Content-Encoding", "gzip");
    res.setHeader(
      "Content-Length",
      chunks.reduce((n, chunk) => n + chunk.length, 0),
    );
    for (const chunk of chunks.slice(0, -1)) res.write(chunk);
    res.end(chunks[chunks.length - 1]);
  };
}

/** Label filters of /api/v1/kpis: a query parameter keeps samples whose label equals it. */
const FILTERS = [LABEL.window, LABEL.team, LABEL.service] as const;

/** The filters of the query, or the message of a 400 when a parameter is repeated. */
function readFilters(req: Request): Map<string, string> | string {
  const filters = new Map<string, string>();
  for (const label of FILTERS) {
    const value: unknown = req.query[label];
    if (value === undefined) continue;
    if (typeof value !== "string") return `query parameter "${label}" must be given once`;
    filters.set(label, value);
  }
  return filters;
}

/**
 * As in PromQL, an absent label matches the empty string, so `?team=` selects the
 * organisation scope and `?service=` the organisation and team scopes.
 */
function matches(sample: Sample, filters: Map<string, string>): boolean {
  for (const [label, wanted] of filters) {
    if ((sample.labels[label] ?? "") !== wanted) return false;
  }
  return true;
}

export function kpisHandler(snapshots: ServedSnapshots) {
  return (req: Request, res: Response): void => {
    const state = snapshots.current();
    if (state === undefined) {
      res.status(503).json(NOT_READY);
      return;
    }
    const filters = readFilters(req);
    if (typeof filters === "string") {
      res.status(400).json({ error: filters });
      return;
    }
    const kpis = state.snapshot.samples
      .filter((sample) => matches(sample, filters))
      .map(({ name, labels, value }) => ({ name, labels, value }));
    res.json({ asOf: new Date(state.snapshot.asOf).toISOString(), kpis });
  };
}
