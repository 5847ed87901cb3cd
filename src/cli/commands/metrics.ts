import { computeSnapshot } from "../../engine/snapshot.ts";
import { concatExpositions, renderSelf, renderSnapshot } from "../../http/render.ts";
import { SelfMetrics } from "../../http/self-metrics.ts";
import type { Store } from "../../store/store.ts";
import type { Context } from "../context.ts";
import { adoptPolicies, type CommonOptions, loadContext } from "../context.ts";
import { checkAsOf, requestServer, unexpectedAnswer } from "../forward.ts";
import { writeStdout } from "../stdout.ts";
import { type RemoteServer, type ServerOption, storeOrServer } from "../store-or-server.ts";

// `kpi-exporter metrics`: the exposition /metrics would serve for the snapshot at
// --as-of, on stdout (for a node_exporter textfile collector or a one-off look). With a
// fixed --as-of the output is byte-for-byte reproducible. When a server holds the store
// (or --url names one), its /metrics is printed, provided it evaluates at that --as-of.

export type MetricsOptions = CommonOptions & ServerOption;

async function computed(store: Store, ctx: Context): Promise<string> {
  const asOf = ctx.clock();
  await adoptPolicies(ctx, store);
  const snapshot = computeSnapshot(await store.load(), ctx.engine, asOf);
  const self = new SelfMetrics();
  self.snapshotServed(asOf);
  self.recordCounts(await store.counts());
  return concatExpositions([await renderSnapshot(snapshot), await renderSelf(self)]).text;
}

async function served(server: RemoteServer, options: MetricsOptions): Promise<string> {
  const response = await requestServer(server, "/metrics", "read");
  if (response.status !== 200) throw await unexpectedAnswer(server, response);
  const exposition = await response.text();
  checkAsOf(server, exposition, options.asOf);
  return exposition;
}

export async function metricsCommand(options: MetricsOptions): Promise<number> {
  const ctx = await loadContext(options);
  const target = await storeOrServer(options);
  if ("server" in target) {
    await writeStdout(await served(target.server, options));
    return 0;
  }
  try {
    await writeStdout(await computed(target.store, ctx));
    return 0;
  } finally {
    await target.store.close();
  }
}
