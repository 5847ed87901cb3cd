import type { ConfigFile } from "../../config/schema.ts";
import { errorMessage } from "../../domain/error-message.ts";
import { ingestRules } from "../../import/ingest-rules.ts";
import type { Collector, CollectorDeps, RunReport } from "../collector.ts";
import { CostWriter, wholeDay } from "../focus/cost-writer.ts";
import { DailyCosts } from "../focus/daily-costs.ts";
import { DAY_MS, isoDay, startOfDay } from "../focus/values.ts";
import { fetchCloudCosts } from "./client.ts";
import type { OpencostSourceConfig } from "./config.ts";
import { addCloudCosts } from "./normalize.ts";

// The OpenCost source: every run reads the last `window` of days from /cloudCost, one day
// per request, and restates each day it read in its own transaction (providers correct
// recent days, so a day is read again until it leaves the window). A day that fails
// keeps what was stored for it; the others are stored all the same.

export const OPENCOST_SOURCE = "opencost";

/** UTC days ending with today, oldest first. */
export function daysToRead(now: number, windowMs: number): number[] {
  const count = Math.max(1, Math.ceil(windowMs / DAY_MS));
  const today = startOfDay(now);
  return Array.from({ length: count }, (_, i) => today - (count - 1 - i) * DAY_MS);
}

export function opencostCollector(config: ConfigFile, source: OpencostSourceConfig): Collector {
  const rate = ingestRules(config).rateOf(source.currency);
  const windowMs = source.window;
  return {
    name: OPENCOST_SOURCE,
    intervalMs: source.interval,
    async run(deps: CollectorDeps): Promise<RunReport> {
      if (rate === undefined)
        throw new Error(
          `sources.opencost.currency ${source.currency}: no currency_rates entry converts it to ${config.currency}`,
        );
      const pricing = { config, currency: source.currency, rate };
      const writer = await CostWriter.open(deps.store, OPENCOST_SOURCE);
      const days = daysToRead(deps.now(), windowMs);
      const failures: string[] = [];
      let written = 0;
      let items = 0;
      for (const [done, day] of days.entries()) {
        try {
          const response = await fetchCloudCosts(source.base_url, day, deps.api);
          const costs = new DailyCosts();
          const read = addCloudCosts(response, day, costs, pricing);
          if (read.outside > 0)
            deps.logger.warn("OpenCost items outside the day asked for were ignored", {
              day: isoDay(day),
              items: read.outside,
            });
          const counts = await writer.write(
            OPENCOST_SOURCE,
            costs,
            wholeDay,
            new Set([isoDay(day)]),
          );
          written += counts.written;
          items += read.items;
        } catch (error) {
          const message = `${isoDay(day)}: ${errorMessage(error)}`;
          deps.logger.error("OpenCost day failed", { error: message });
          failures.push(message);
        }
        deps.progress?.update(done + 1, days.length, isoDay(day));
      }
      deps.progress?.done();
      if (failures.length > 0)
        throw new Error(
          `${failures.length} of ${days.length} days from OpenCost failed: ${failures.join("; ")}`,
        );
      return { written, summary: `${days.length} days, ${items} cloud cost items` };
    },
  };
}
