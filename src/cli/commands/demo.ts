import { generateDemoEvents } from "../../demo/generate.ts";
import { recordStoreEvidence } from "../../evidence/record-evidence.ts";
import { SelfMetrics } from "../../http/self-metrics.ts";
import { importLines } from "../../import/index.ts";
import {
  adoptPolicies,
  advertiseUrl,
  type CommonOptions,
  DEMO_CONFIG_FILE,
  describeStore,
  loadContext,
  openContextStore,
  setCommandName,
} from "../context.ts";
import { reachableUrl } from "../holder.ts";
import { checkServeExposure, type ServeOptions, startServer, untilSignal } from "../server.ts";
import { formatReport } from "./import.ts";

// `kpi-exporter demo` (what `npm start` runs): a deterministic synthetic organisation
// imported through the same path as real data, then served. In memory unless
// --data-dir is given, so it never mixes with a real store.

export async function demoCommand(
  options: CommonOptions & ServeOptions & { seedOnly?: boolean },
): Promise<number> {
  if (!options.seedOnly) checkServeExposure(options);
  const ctx = await loadContext({ ...options, config: options.config ?? DEMO_CONFIG_FILE });
  const storeDefaults = { inMemoryUnlessDataDir: true };
  // Named apart from a serving demo, which others wait for to send their work to.
  if (options.seedOnly) setCommandName("demo --seed-only");
  const store = await openContextStore(options, storeDefaults);
  const self = new SelfMetrics();
  const started = Date.now();
  const asOf = ctx.clock();
  const lines = generateDemoEvents({ asOf });
  const report = await importLines(lines, "demo", { store, config: ctx.config });
  self.collectorRun("demo", {
    ok: report.rejected.length === 0,
    durationSeconds: (Date.now() - started) / 1000,
    finishedAt: Date.now(),
  });
  ctx.logger.warn("DEMO DATA: a synthetic organisation, not your company's numbers", {
    events: lines.length,
    asOf: new Date(asOf).toISOString(),
    store: describeStore(store, options, storeDefaults),
  });
  ctx.logger.info(`demo import: ${formatReport(report)}`);
  ctx.logger.info(
    "to use real data: copy examples/demo.yaml to kpi-exporter.yaml, edit the catalogue, then `kpi-exporter import FILE` and `kpi-exporter serve` (see README)",
  );
  if (report.rejected.length) {
    await store.close();
    ctx.logger.error("demo data was rejected: this is a bug", {
      first: report.rejected[0]?.message,
    });
    return 1;
  }
  if (options.seedOnly) {
    // What serving would append at its first refresh, so a seeded store has its ledger.
    await adoptPolicies(ctx, store);
    const evidence = await recordStoreEvidence(store, ctx.engine, asOf);
    if (evidence) ctx.logger.info(evidence);
    await store.close();
    return 0;
  }
  const running = await startServer(ctx, store, options, self).catch(async (error: unknown) => {
    await store.close();
    throw error;
  });
  advertiseUrl(store, reachableUrl(running.server.address()));
  return untilSignal(running, ctx);
}
