import {
  advertiseUrl,
  type CommonOptions,
  describeStore,
  loadContext,
  openContextStore,
  warnIfNoCatalogue,
} from "../context.ts";
import { reachableUrl } from "../holder.ts";
import { checkServeExposure, type ServeOptions, startServer, untilSignal } from "../server.ts";

/**
 * `kpi-exporter serve`: /metrics and the API over the configured store until a signal.
 * It holds an embedded store's data dir, and records its URL there once listening so that
 * other commands send their work through its API.
 */
export async function serveCommand(options: CommonOptions & ServeOptions): Promise<number> {
  checkServeExposure(options);
  const ctx = await loadContext(options);
  const store = await openContextStore(options);
  ctx.logger.info("store opened", { store: describeStore(store, options) });
  warnIfNoCatalogue(ctx);
  const running = await startServer(ctx, store, options).catch(async (error: unknown) => {
    await store.close();
    throw error;
  });
  advertiseUrl(store, reachableUrl(running.server.address()));
  return untilSignal(running, ctx);
}
