import { createServer, type RequestListener, type Server } from "node:http";
import { readSecret } from "../config/secrets.ts";
import { explainStored } from "../explain/explain-deployment.ts";
import { createApp } from "../http/app.ts";
import { configDigest, keepSnapshots, restoreKept } from "../http/kept-snapshot.ts";
import type { LiveEngine } from "../http/live-engine.ts";
import { liveRefresh } from "../http/live-refresh.ts";
import { ReportBuilds } from "../http/report-builds.ts";
import { SelfMetrics } from "../http/self-metrics.ts";
import { SnapshotService } from "../http/snapshot-service.ts";
import type { WebhookReceiver } from "../http/webhooks/route.ts";
import { reportFromStore } from "../reports/from-store.ts";
import { importRequest } from "../sources/import-events.ts";
import { configuredCollectors, SOURCES } from "../sources/index.ts";
import { runTimeouts } from "../sources/run-bounds.ts";
import { Scheduler } from "../sources/scheduler.ts";
import type { Store } from "../store/store.ts";
import { adoptPolicies, type Context } from "./context.ts";
import { anonymousReadFromEnv, checkReadExposure } from "./read-exposure.ts";
import { Replica } from "./replica.ts";

// Wires the store, the engine and the HTTP app together for `serve` and `demo`, and
// shuts down cleanly on SIGINT/SIGTERM.

export interface ServeOptions {
  port?: string;
  host: string;
  /** Serve reads without KPI_READ_TOKEN on a non-loopback address (--allow-anonymous-read). */
  allowAnonymousRead?: boolean;
}

/** Refuses, before the store is opened, a bind that would serve reads to anyone. */
export function checkServeExposure(options: ServeOptions): void {
  const anonymous = options.allowAnonymousRead === true || anonymousReadFromEnv();
  checkReadExposure(options.host, readSecret("KPI_READ_TOKEN"), anonymous);
}

export interface RunningServer {
  server: Server;
  snapshots: SnapshotService<LiveEngine>;
  scheduler: Scheduler;
  self: SelfMetrics;
  close(): Promise<void>;
}

function listenPort(options: ServeOptions, ctx: Context): number {
  const port = options.port === undefined ? ctx.config.server.port : Number(options.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port: expected 0-65535, got ${options.port}`);
  return port;
}

export async function startServer(
  ctx: Context,
  store: Store,
  options: ServeOptions,
  self = new SelfMetrics(),
): Promise<RunningServer> {
  self.collectRuntime();
  // Built before anything starts: a configured source without credentials stops here.
  const collectors = configuredCollectors(ctx.config);
  // Every surface below judges by the effective policy history (METRICS.md decision 131).
  await adoptPolicies(ctx, store);
  // load, compute and afterRefresh: the working set caught up with the store's writes,
  // the snapshot of what they touched, then the evidence ledger's append.
  let replica: Replica | undefined;
  // Policy records appended while serving are followed: explain and reports judge alike.
  const live = liveRefresh(
    store,
    ctx.engine,
    ctx.logger,
    self,
    () => !!replica?.leading(),
    (engine) => {
      ctx.engine = engine;
    },
    ctx.clock,
  );
  const digest = configDigest(ctx.config);
  const kept = keepSnapshots(store, digest);
  const snapshots = new SnapshotService<LiveEngine>({
    ...live,
    onRefreshed: kept.onRefreshed,
    asOf: ctx.clock,
    self,
    logger: ctx.logger,
  });
  const scheduler = new Scheduler(
    collectors,
    { store, self, logger: ctx.logger, now: ctx.clock, timeouts: runTimeouts(ctx.config) },
    { onWritten: () => snapshots.refresh() },
  );
  const app = createApp({
    snapshots,
    self,
    apiToken: readSecret("KPI_API_TOKEN"),
    readToken: readSecret("KPI_READ_TOKEN"),
    bodyLimit: ctx.config.server.body_limit,
    ingest: async (body, { strict }) => {
      const report = await importRequest(body, { store, config: ctx.config, strict });
      // A stored line that lost an unknown field counts too (decision 139): data was refused.
      for (const r of [...report.rejected, ...report.warnings])
        self.rejected(r.kind ?? "unknown", r.code);
      return report;
    },
    webhooks: webhookReceivers(ctx, store, snapshots, scheduler),
    explain: (id, asOf) => explainStored(store, ctx.engine, asOf ?? ctx.clock(), id),
    reports: new ReportBuilds({
      build: (request) => reportFromStore(store, ctx.engine, { ...request, now: ctx.clock() }),
      dataVersion: () => snapshots.current()?.refreshedAt,
    }).build,
  });
  replica = new Replica({
    store,
    scheduler,
    self,
    logger: ctx.logger,
    position: live.seq,
    refresh: () => snapshots.refresh(),
  });
  // Elected before the first snapshot, so a leader appends its evidence with it.
  await replica.elect();
  // Refreshes count the store only after a snapshot is served (and its evidence appended):
  // count it now, so kpi_exporter_records has every kind from the first scrape (decision 142).
  await countRecords(store, self, ctx);
  // With a kept snapshot, /metrics answers at once and the fresh one follows; without
  // one, nothing is served until the first snapshot is computed.
  const restored = await restoreKept(store, snapshots, digest, ctx.logger);
  const interval = ctx.config.snapshot_interval;
  // Listening once the first snapshot is served, or its refresh failed (503 until one is).
  if (!restored) await Promise.race([snapshots.start(interval), snapshots.served()]);
  const port = listenPort(options, ctx);
  const server = await listen(app, port, options.host).catch(async (error: unknown) => {
    // Leadership, collectors and refreshes started above: a start that fails here ends them.
    await replica?.stop();
    snapshots.stop();
    throw error;
  });
  const address = server.address();
  const bound = typeof address === "object" && address ? address.port : port;
  ctx.logger.info("serving", {
    url: `http://${options.host}:${bound}/metrics`,
    config: ctx.configSource,
  });
  // Started once listening: loading the store holds the event loop for long stretches.
  if (restored) void snapshots.start(interval);
  // Otherwise started above, and its evidence append may still be running.
  replica.start();
  const close = async () => {
    await replica?.stop();
    snapshots.stop();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await kept.flush().catch((error: Error) =>
      ctx.logger.error("keeping the snapshot for the next start failed", {
        error: error.message,
      }),
    );
    await store.close();
  };
  return { server, snapshots, scheduler, self, close };
}

/**
 * Listens, or rejects naming the address. Not app.listen: Express 5 hands a listen error
 * to its callback, which would then report "serving" on a port another process holds.
 */
function listen(app: RequestListener, port: number, host: string): Promise<Server> {
  return new Promise<Server>((resolve, reject) => {
    const server = createServer(app);
    server.once("error", (error: NodeJS.ErrnoException) =>
      reject(
        error.code === "EADDRINUSE"
          ? new Error(`port ${port} on ${host} is already in use; choose another with --port`)
          : error,
      ),
    );
    server.listen(port, host, () => resolve(server));
  });
}

/** Store counts only feed a self-metric: failing to read them must not stop the start. */
async function countRecords(store: Store, self: SelfMetrics, ctx: Context): Promise<void> {
  try {
    self.recordCounts(await store.counts());
  } catch (error) {
    ctx.logger.error("reading record counts failed", { error: String(error) });
  }
}

/** A receiver for every source that takes webhooks; one without its secret answers 503. */
function webhookReceivers(
  ctx: Context,
  store: Store,
  snapshots: SnapshotService<LiveEngine>,
  scheduler: Scheduler,
): WebhookReceiver[] {
  return SOURCES.flatMap(({ name, webhook }) => {
    if (!webhook) return [];
    const secrets = webhook.secretVariables
      .map((variable) => readSecret(variable))
      .filter((secret): secret is string => secret !== undefined);
    const options = {
      secrets,
      handle: webhook.handler({
        config: ctx.config,
        store,
        reconcile: () => scheduler.nudge(name),
        now: ctx.clock,
      }),
      deliveries: store.deliveries,
      afterStore: () => snapshots.refresh(),
      logger: ctx.logger,
    };
    return [{ name, definition: webhook, options }];
  });
}

/** Resolves once SIGINT or SIGTERM arrives and the server has shut down. */
/** Past this after a signal, whatever still runs is abandoned: orchestrators kill at 10 s. */
const SHUTDOWN_DEADLINE_MS = 9_000;

/**
 * Serves until SIGINT or SIGTERM, then closes everything and exits. The exit is explicit: an
 * aborted upstream request's retry back-off must not keep the process alive, and a close
 * that hangs is cut at the deadline with exit 1.
 */
export function untilSignal(running: RunningServer, ctx: Context): Promise<number> {
  return new Promise(() => {
    const exit = (code: number) => setImmediate(() => process.exit(code));
    const stop = (signal: string) => {
      ctx.logger.info("shutting down", { signal });
      setTimeout(() => {
        ctx.logger.error("shutdown did not finish in time; exiting", {
          seconds: SHUTDOWN_DEADLINE_MS / 1000,
        });
        process.exit(1);
      }, SHUTDOWN_DEADLINE_MS).unref();
      running.close().then(
        () => exit(0),
        (error: Error) => {
          ctx.logger.error("shutdown failed", { error: error.message });
          exit(1);
        },
      );
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
}
