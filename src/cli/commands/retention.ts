import { describeRetention, runRetention } from "../../retention/run-retention.ts";
import { type CommonOptions, describeStore, loadContext, openContextStore } from "../context.ts";
import { writeStdout } from "../stdout.ts";

// `kpi-exporter retention`: one run of the config's `retention` section by hand (the
// leading `serve` runs it on its interval): seal what the ledger appended into the
// write-once archive, then prune what is past retention unless a legal hold stands
// (METRICS.md decision 156). Prints what it did; exit 1 naming what stopped it.

export async function retentionCommand(options: CommonOptions): Promise<number> {
  const ctx = await loadContext(options);
  const settings = ctx.config.retention;
  if (!settings)
    throw new Error(
      `${ctx.configSource} has no retention section: nothing is ever deleted without one (see README, Retention)`,
    );
  const store = await openContextStore(options);
  try {
    const outcome = await runRetention(store, settings, Date.now());
    await writeStdout(
      `retention (${describeStore(store, options)}): ${describeRetention(outcome)}\n`,
    );
    return 0;
  } finally {
    await store.close();
  }
}
