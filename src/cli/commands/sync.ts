import { recordStoreEvidence } from "../../evidence/record-evidence.ts";
import { SelfMetrics } from "../../http/self-metrics.ts";
import { configuredCollectors } from "../../sources/index.ts";
import { ANCHOR_JOB } from "../../sources/jobs/evidence-anchor.ts";
import { runTimeouts } from "../../sources/run-bounds.ts";
import { runCollector } from "../../sources/run-collector.ts";
import {
  adoptPolicies,
  type CommonOptions,
  describeStore,
  loadContext,
  openContextStore,
} from "../context.ts";
import { terminalProgress } from "../progress.ts";

// `kpi-exporter sync [--source NAME]`: every configured source once, one after another,
// then exit: 0 when all succeeded, 1 when any failed (the others' records are kept).

export async function syncCommand(options: CommonOptions & { source?: string }): Promise<number> {
  const ctx = await loadContext(options);
  const collectors = configuredCollectors(ctx.config, process.env, options.source);
  if (collectors.length === 0) {
    process.stderr.write("no source is configured: add a sources section to the config\n");
    return 1;
  }
  const store = await openContextStore(options);
  try {
    const self = new SelfMetrics();
    let failed = 0;
    const run = async (collector: (typeof collectors)[number]) => {
      const outcome = await runCollector(collector, {
        store,
        self,
        logger: ctx.logger,
        now: ctx.clock,
        progress: (name) => terminalProgress(name),
        timeouts: runTimeouts(ctx.config),
      });
      const status = outcome.ok ? "ok" : `failed: ${outcome.error}`;
      process.stdout.write(
        `${outcome.collector}: ${status}; ${outcome.written} records written in ${outcome.durationSeconds.toFixed(1)} s\n`,
      );
      if (!outcome.ok) failed++;
    };
    // The ledger's checkpoint comes last, so it covers the records this sync appends.
    for (const collector of collectors) if (collector.name !== ANCHOR_JOB) await run(collector);
    process.stdout.write(`(${describeStore(store, options)})\n`);
    await adoptPolicies(ctx, store);
    const evidence = await recordStoreEvidence(store, ctx.engine, ctx.clock());
    if (evidence) process.stdout.write(`${evidence}\n`);
    for (const collector of collectors) if (collector.name === ANCHOR_JOB) await run(collector);
    return failed ? 1 : 0;
  } finally {
    await store.close();
  }
}
