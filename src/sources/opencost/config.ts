import { z } from "zod";
import { positiveDuration } from "../../config/patterns.ts";
import { sourceConfig } from "../source-config.ts";

// sources.opencost: Kubernetes cost allocation from the OpenCost API.

export const opencostSourceSchema = z.strictObject({
  /** The OpenCost API, e.g. http://opencost.opencost:9003 */
  base_url: z.url({ protocol: /^https?$/, error: "expected an http(s) URL of the OpenCost API" }),
  interval: positiveDuration.prefault("1h"),
  /** How many days back each run reads (and restates): providers correct recent days. */
  window: positiveDuration.prefault("7d"),
  /** OpenCost reports amounts without a currency: the billing currency of the accounts. */
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, "expected an ISO 4217 code such as USD")
    .default("USD"),
});

export type OpencostSourceConfig = z.infer<typeof opencostSourceSchema>;

export const opencostConfig = sourceConfig("opencost", opencostSourceSchema);
