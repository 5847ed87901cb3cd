// The HTTP face of the exporter. createApp only wires routes; the caller listens, so tests
// can bind an ephemeral port and `serve` can add its own shutdown handling.
import express, { type Express, type NextFunction, type Request, type Response } from "express";
import { requireReadToken, requireWriteToken } from "./bearer.ts";
import { eventBody, eventsHandler, type Ingest } from "./events-route.ts";
import { ExpensiveQueue, type QueueLimits } from "./expensive-queue.ts";
import { DEPLOYMENT_ROUTE, type DeploymentExplainer, deploymentHandler } from "./explain-route.ts";
import { countResponses } from "./http-metrics.ts";
import { kpisHandler, metricsHandler } from "./read-routes.ts";
import type { ReportBuilder } from "./report-builds.ts";
import { REPORT_ROUTE, reportHandler } from "./report-route.ts";
import type { SelfMetrics } from "./self-metrics.ts";
import { type Logger, type ServedSnapshots, stderrLogger } from "./snapshot-service.ts";
import { type WebhookReceiver, webhookRoute } from "./webhooks/route.ts";

export interface AppOptions {
  snapshots: ServedSnapshots;
  /**
   * The SelfMetrics the ServedSnapshots was built with: /metrics renders it through
   * snapshots.scrape(). Taken here so routes that report into it need no other wiring.
   */
  self: SelfMetrics;
  ingest?: Ingest;
  /** Enables write endpoints (KPI_API_TOKEN); without it they answer 403. */
  apiToken?: string;
  /** When set, /metrics and the /api/v1 read endpoints require it as a bearer token. */
  readToken?: string;
  /** Largest accepted request body, in the `bytes` syntax; default "10mb". */
  bodyLimit?: string;
  logger?: Logger;
  /** Serves GET /api/v1/deployments/{id} (behind the read token) when given. */
  explain?: DeploymentExplainer;
  /** Serves GET /api/v1/reports/{quarter}.{format} (behind the read token) when given. */
  reports?: ReportBuilder;
  /** Sources' webhook receivers; each authenticates its sender in place of the bearer token. */
  webhooks?: readonly WebhookReceiver[];
  /** Bounds on reports and explanations (decision 154); tests narrow them. */
  expensive?: QueueLimits;
}

interface HttpError {
  status?: number;
  type?: string;
  /** body-parser's limit, in bytes, on a 413. */
  limit?: number;
}

/** A byte count as the 413 states it: 25 MB, 512 KB, 100 bytes. */
function sizeOf(bytes: number): string {
  for (const [unit, size] of [
    ["GB", 2 ** 30],
    ["MB", 2 ** 20],
    ["KB", 2 ** 10],
  ] as const)
    if (bytes >= size) return `${Number((bytes / size).toFixed(1))} ${unit}`;
  return `${bytes} bytes`;
}

export function createApp(options: AppOptions): Express {
  const { snapshots, apiToken, readToken, bodyLimit = "10mb" } = options;
  const logger = options.logger ?? stderrLogger;
  const app = express();
  app.disable("x-powered-by");
  app.set("etag", false);
  app.use(countResponses(options.self));

  // Probes stay open whatever tokens are set: kubelets and load balancers carry none.
  app.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  app.get("/readyz", (_req, res) => {
    const kept = snapshots.current();
    const ready = snapshots.ready();
    const status = ready
      ? "ready"
      : kept?.fresh
        ? "serving a fresh snapshot while the evidence ledger is checked against it once"
        : kept
          ? `serving the snapshot kept from ${new Date(kept.snapshot.asOf).toISOString()} while a fresh one is computed`
          : "waiting for first snapshot";
    res.status(ready ? 200 : 503).json({ status });
  });

  const read = requireReadToken(readToken);
  const expensive = new ExpensiveQueue(options.expensive);
  app.get("/metrics", read, metricsHandler(snapshots));
  app.get("/api/v1/kpis", read, kpisHandler(snapshots));
  if (options.explain)
    app.get(DEPLOYMENT_ROUTE, read, expensive.guard(deploymentHandler(snapshots, options.explain)));
  if (options.reports) app.get(REPORT_ROUTE, read, expensive.guard(reportHandler(options.reports)));

  // The token is checked before the body is read, so an anonymous client cannot make the
  // server buffer up to bodyLimit.
  app.post(
    "/api/v1/events",
    requireWriteToken(apiToken),
    eventBody(bodyLimit),
    eventsHandler(snapshots, options.ingest, logger),
  );

  for (const receiver of options.webhooks ?? [])
    app.post(`/webhooks/${receiver.name}`, ...webhookRoute(receiver));

  app.use((_req, res) => {
    res.status(404).json({ error: "not found" });
  });

  // Express 5 forwards rejected promises here. Client errors (body too large, bad charset)
  // keep their status; anything else is logged and answered without internals.
  app.use((error: unknown, req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(error);
    const { status, type, limit } = (
      typeof error === "object" && error !== null ? error : {}
    ) as HttpError;
    if (status === 413) {
      const figure = limit === undefined ? bodyLimit : sizeOf(limit);
      res.status(413).json({ error: `request body larger than ${figure}, this route's limit` });
    } else if (status !== undefined && status >= 400 && status < 500) {
      res.status(status).json({ error: `bad request${type ? ` (${type})` : ""}` });
    } else {
      logger.error("request failed", { method: req.method, path: req.path, error: String(error) });
      res.status(500).json({ error: "internal error" });
    }
  });
  return app;
}
