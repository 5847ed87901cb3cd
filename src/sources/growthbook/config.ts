import { z } from "zod";
import { positiveDuration } from "../../config/patterns.ts";
import { sourceConfig } from "../source-config.ts";

// sources.growthbook: experiment results from GrowthBook's REST API, turned into revenue
// impact of the changes they measured. The API key comes from GROWTHBOOK_API_KEY (or
// GROWTHBOOK_API_KEY_FILE), never from this file.

export const growthbookSourceSchema = z.strictObject({
  /** GrowthBook Cloud, or a self-hosted API_HOST such as http://growthbook:3100. */
  base_url: z.url({ protocol: /^https?$/ }).default("https://api.growthbook.io"),
  interval: positiveDuration.prefault("1h"),
  /** Currency of the revenue metrics' values; default: the reporting currency. */
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, "expected an ISO 4217 code such as USD")
    .optional(),
  /** Metric ids (met_…, fact__…) that measure revenue; default: every metric of type revenue. */
  revenue_metrics: z.array(z.string().min(1)).min(1).optional(),
  /** Results whose sample-ratio-mismatch p-value is below this are skipped. */
  srm_threshold: z.number().gt(0).lt(1).default(0.001),
  /**
   * Experiment id, tracking key or linked feature key → the change it measured: a pull
   * request URL, owner/repo#N, #N, a commit SHA or a change id. Wins over tags and text.
   */
  links: z.record(z.string().min(1), z.string().min(1)).default({}),
});

export type GrowthbookSourceConfig = z.infer<typeof growthbookSourceSchema>;

export const growthbookConfig = sourceConfig("growthbook", growthbookSourceSchema);
