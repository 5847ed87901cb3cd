import { parentPort, workerData } from "node:worker_threads";
import type { ReportModel } from "./model.ts";
import { type ReportFormat, renderReport } from "./render.ts";

// The worker side of off-thread.ts: renders one report and hands the bytes back.

const { model, format } = workerData as { model: ReportModel; format: ReportFormat };
const { body } = await renderReport(model, format);
parentPort?.postMessage(body);
