import type { ConfigFile } from "../../config/schema.ts";
import { describeRetention, runRetention } from "../../retention/run-retention.ts";
import type { Collector, SourceDefinition } from "../collector.ts";

// Not a source: the config's `retention` run on its interval by the process that runs the
// collectors, so a run that fails has the collectors' self-metrics and alerts (decision 156).

export const RETENTION_JOB = "retention";

/** `retention` in the config: the leader runs it where the collectors run. */
export function retentionJob(config: ConfigFile): Collector | undefined {
  const settings = config.retention;
  if (!settings) return undefined;
  return {
    name: RETENTION_JOB,
    intervalMs: settings.interval,
    async run(deps) {
      // The wall clock: --as-of says when KPIs are evaluated, never what may be deleted.
      const outcome = await runRetention(deps.store, settings, Date.now());
      return { written: outcome.sealed.length, summary: describeRetention(outcome) };
    },
  };
}

/** Nor a source: sealing the ledger into the archive and pruning what is past retention. */
export const retentionJobSource: SourceDefinition = {
  name: RETENTION_JOB,
  kind: "job",
  create: (config) => retentionJob(config),
};
