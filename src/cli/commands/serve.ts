import { type CommonOptions, describeStore, loadContext, openContextStore } from "../context.ts";
import { type ServeOptions, startServer, untilSignal } from "../server.ts";

/** `kpi-exporter serve`: /metrics and the API over the configured store until a signal. */
export async function serveCommand(options: CommonOptions & ServeOptions): Promise<number> {
  const ctx = await loadContext(options);
  const store = await openContextStore(options);
  ctx.logger.info("store opened", { store: describeStore(store, options) });
  const running = await startServer(ctx, store, options);
  return untilSignal(running, ctx);
}
