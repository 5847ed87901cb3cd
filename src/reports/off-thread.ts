import { Worker } from "node:worker_threads";
import type { ReportModel } from "./model.ts";
import { REPORT_FORMATS, type RenderedReport, type ReportFormat, renderReport } from "./render.ts";

// Laying out a quarter's PDF (or its spreadsheet, or its charts) is seconds of synchronous
// work that no library offers to split: on serve's event loop it would hold every scrape
// for as long. The server renders those formats in a worker thread instead (decision 154);
// the bytes are the same, as the same code renders them from the same model.

/** Formats whose rendering is long enough to be worth a thread. */
const HEAVY: ReadonlySet<ReportFormat> = new Set(["pdf", "xlsx", "html"]);

/** Renders in a worker thread for the heavy formats; aborting ends the worker. */
export async function renderReportOffThread(
  model: ReportModel,
  format: ReportFormat,
  signal?: AbortSignal,
): Promise<RenderedReport> {
  if (!HEAVY.has(format)) return renderReport(model, format);
  const worker = new Worker(new URL("./render-worker.ts", import.meta.url), {
    workerData: { model, format },
  });
  const stop = () => void worker.terminate();
  signal?.addEventListener("abort", stop, { once: true });
  try {
    const body = await new Promise<Buffer | string>((resolve, reject) => {
      worker.once("message", (value: Uint8Array | string) =>
        resolve(typeof value === "string" ? value : Buffer.from(value)),
      );
      worker.once("error", reject);
      worker.once("exit", (code) =>
        reject(new Error(`the ${format} report renderer stopped (exit ${code})`)),
      );
    });
    const { contentType } = REPORT_FORMATS[format];
    return { body, contentType, extension: format };
  } finally {
    signal?.removeEventListener("abort", stop);
    void worker.terminate();
  }
}
