import { concatExpositions, renderSelf, renderSnapshot } from "../../exporter/render.ts";
import { SelfMetrics } from "../../exporter/self-metrics.ts";
import { computeSnapshot } from "../../metrics/snapshot.ts";
import { type CommonOptions, loadContext, openContextStore } from "../context.ts";
import { writeStdout } from "../stdout.ts";

// `kpi-exporter metrics`: the exposition /metrics would serve for the snapshot at
// --as-of, on stdout (for a node_exporter textfile collector or a one-off look). With a
// fixed --as-of the output is byte-for-byte reproducible.

export async function metricsCommand(options: CommonOptions): Promise<number> {
  const ctx = await loadContext(options);
  const store = await openContextStore(options);
  try {
    const asOf = ctx.clock();
    const snapshot = computeSnapshot(await store.load(), ctx.engine, asOf);
    const self = new SelfMetrics();
    self.snapshotServed(asOf);
    self.recordCounts(await store.counts());
    const exposition = concatExpositions([await renderSnapshot(snapshot), await renderSelf(self)]);
    await writeStdout(exposition.text);
    return 0;
  } finally {
    await store.close();
  }
}
