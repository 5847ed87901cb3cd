// GET /api/v1/reports/{quarter}.{format}[?team=NAME]: the quarterly report, built from the
// store at request time by the same code as `kpi-exporter report`, as a download; 503 with
// Retry-After when too many reports wait to be built (report-builds.ts).
import type { Request, Response } from "express";
import type { ReportModel } from "../reports/model.ts";
import { renderReportOffThread } from "../reports/off-thread.ts";
import { isReportFormat, REPORT_FORMATS, reportFileName } from "../reports/render.ts";
import { ReportRequestError } from "../reports/request-error.ts";
import { clientSignal } from "./expensive-queue.ts";
import { type ReportBuilder, ReportsBusyError } from "./report-builds.ts";

export const REPORT_ROUTE = "/api/v1/reports/:file";

/** Builds the model of a quarter (and team) at the server's evaluation instant. */

const FORMATS = Object.keys(REPORT_FORMATS).join(", ");

function teamOf(req: Request): string | undefined | Error {
  const team: unknown = req.query.team;
  if (team === undefined) return undefined;
  if (typeof team !== "string") return new Error('query parameter "team" must be given once');
  if (team === "")
    return new Error('query parameter "team" is empty: leave it out for the organisation');
  return team;
}

export function reportHandler(build: ReportBuilder) {
  return async (req: Request, res: Response): Promise<void> => {
    const file = String(req.params.file ?? "");
    const dot = file.lastIndexOf(".");
    const format = dot < 0 ? "" : file.slice(dot + 1);
    if (!isReportFormat(format)) {
      res.status(404).json({
        error: `no report format "${format}" (from "${file}"); formats: ${FORMATS}, as /api/v1/reports/2026-Q3.pdf`,
      });
      return;
    }
    const team = teamOf(req);
    if (team instanceof Error) {
      res.status(400).json({ error: team.message });
      return;
    }
    let model: ReportModel;
    try {
      model = await build({ quarter: file.slice(0, dot), ...(team !== undefined && { team }) });
    } catch (error) {
      if (error instanceof ReportsBusyError) {
        res.setHeader("Retry-After", String(error.retryAfterSeconds));
        res.status(503).json({ error: error.message });
        return;
      }
      if (!(error instanceof ReportRequestError)) throw error;
      res.status(400).json({ error: error.message });
      return;
    }
    // The client left while the model was built: the render (seconds for a PDF) is skipped.
    const signal = clientSignal(res);
    if (signal?.aborted) return;
    let rendered: Awaited<ReturnType<typeof renderReportOffThread>>;
    try {
      rendered = await renderReportOffThread(model, format, signal);
    } catch (error) {
      // The renderer was ended because the client left: nobody is owed an answer or an error.
      if (signal?.aborted) return;
      throw error;
    }
    if (signal?.aborted) return;
    res.status(200);
    res.setHeader("Content-Type", rendered.contentType);
    res.setHeader("Content-Disposition", `attachment; filename="${reportFileName(model, format)}"`);
    res.setHeader("Cache-Control", "no-store");
    res.send(typeof rendered.body === "string" ? Buffer.from(rendered.body) : rendered.body);
  };
}
