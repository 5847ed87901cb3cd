import type { ConfigFile } from "../../config/schema.ts";
import { readSecret } from "../../config/secrets.ts";
import type { ExperimentResult } from "../../domain/records.ts";
import type { IngestRules } from "../../import/ingest-rules.ts";
import { ingestRules } from "../../import/ingest-rules.ts";
import type { Collector, CollectorDeps, RunReport } from "../collector.ts";
import { type ChangeIndex, repositoryIndex, resolveAll } from "../experiments/change-refs.ts";
import { toExperimentRecord } from "../experiments/result-record.ts";
import type { Experiment } from "./api.ts";
import { type GrowthbookClient, growthbookClient } from "./client.ts";
import type { GrowthbookSourceConfig } from "./config.ts";
import { changeRefsOf } from "./link.ts";
import { type NormalizeContext, treatmentResults } from "./normalize.ts";

// The GrowthBook source: every stopped experiment that names a change, its latest results,
// one experiment result per treatment. Only stopped experiments are read: a running one's
// numbers move daily and may still fail the sample-ratio check, and a stored result is
// never withdrawn. Each run rereads all of them (unchanged answers come back as 304s).

export const SOURCE = "growthbook";

export interface GrowthbookCollectorOptions {
  /** Tests shrink retry back-off. */
  retryBaseMs?: number;
}

interface RunContext {
  client: GrowthbookClient;
  index: ChangeIndex;
  links: Readonly<Record<string, string>>;
  normalize: Omit<NormalizeContext, "changeId">;
  rules: IngestRules;
}

type Verdict =
  | { records: ExperimentResult[]; refused: string[] }
  | { skipped: "unlinked" | "sample_ratio_mismatch" | "other"; reason?: string };

/** One stopped experiment: its change, its results, its records (or why there are none). */
async function readExperiment(e: Experiment, ctx: RunContext): Promise<Verdict> {
  const { refs, from } = changeRefsOf(e, ctx.links);
  const link = resolveAll(refs, ctx.index);
  if ("problem" in link)
    return { skipped: "unlinked", ...(from !== "none" && { reason: `${link.problem} (${from})` }) };
  const snapshot = await ctx.client.results(e.id);
  if (!snapshot) return { skipped: "other", reason: "no results yet" };
  const outcome = treatmentResults(e, snapshot, { ...ctx.normalize, changeId: link.changeId });
  if ("skip" in outcome)
    return {
      skipped: outcome.reason === "sample_ratio_mismatch" ? outcome.reason : "other",
      reason: outcome.skip,
    };
  const records: ExperimentResult[] = [];
  const refused: string[] = [];
  for (const result of outcome.results) {
    const converted = toExperimentRecord(result, ctx.rules);
    if ("record" in converted) records.push(converted.record);
    else refused.push(converted.rejection.message);
  }
  return { records, refused };
}

export function growthbookCollector(
  config: ConfigFile,
  source: GrowthbookSourceConfig,
  apiKey: string | undefined,
  options: GrowthbookCollectorOptions = {},
): Collector {
  if (!apiKey)
    throw new Error(
      "sources.growthbook is configured but GROWTHBOOK_API_KEY (or _FILE) is not set",
    );
  const rules = ingestRules(config);
  const currency = source.currency ?? config.currency;
  if (rules.rateOf(currency) === undefined)
    throw new Error(
      `sources.growthbook.currency ${currency}: no currency_rates entry converts it to ${config.currency}`,
    );
  return {
    name: SOURCE,
    intervalMs: source.interval,
    async run(deps: CollectorDeps): Promise<RunReport> {
      const client = growthbookClient({
        baseUrl: source.base_url,
        apiKey,
        cache: deps.store.httpCache,
        observer: deps.api,
        logger: deps.logger,
        ...(options.retryBaseMs !== undefined && { retryBaseMs: options.retryBaseMs }),
      });
      const revenueMetrics = new Set(source.revenue_metrics ?? (await client.revenueMetrics()));
      const ctx: RunContext = {
        client,
        index: {
          changes: (await deps.store.load()).changes,
          repositories: repositoryIndex(config.teams),
        },
        links: source.links,
        normalize: { currency, revenueMetrics, srmThreshold: source.srm_threshold },
        rules,
      };
      const stopped = (await client.experiments()).filter((e) => e.status === "stopped");
      const records: ExperimentResult[] = [];
      const tally = { stored: 0, unlinked: 0, sample_ratio_mismatch: 0, other: 0 };
      for (const e of stopped) {
        const where = { experiment: e.id, name: e.name ?? undefined };
        const verdict = await readExperiment(e, ctx);
        if ("skipped" in verdict) {
          tally[verdict.skipped]++;
          if (verdict.skipped === "sample_ratio_mismatch")
            deps.rejected?.("experiment", "sample_ratio_mismatch");
          if (verdict.reason)
            deps.logger.warn("GrowthBook experiment skipped", { ...where, reason: verdict.reason });
          continue;
        }
        for (const reason of verdict.refused) {
          tally.other++;
          deps.logger.warn("GrowthBook result refused", { ...where, reason });
        }
        if (verdict.records.length) tally.stored++;
        records.push(...verdict.records);
      }
      const counts = await deps.store.upsert({ experiments: records });
      return {
        written: counts.experiment.written,
        summary: `${stopped.length} stopped experiments: ${tally.stored} with results stored, ${tally.sample_ratio_mismatch} failed the sample-ratio check, ${tally.unlinked} not linked to a change, ${tally.other} skipped`,
      };
    },
  };
}

export function growthbookApiKey(env: NodeJS.ProcessEnv): string | undefined {
  return readSecret("GROWTHBOOK_API_KEY", env);
}
