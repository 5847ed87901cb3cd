import { z } from "zod";
import { positiveDuration } from "./patterns.ts";

// Cloud billing sources. Each runs when its section is present in `sources`.

export const focusSourceSchema = z.strictObject({
  /** Folder holding FOCUS exports (.csv, .csv.gz, .parquet), read recursively. */
  directory: z.string().min(1, "expected the folder holding the FOCUS exports"),
  interval: positiveDuration.default("1h"),
});

export const opencostSourceSchema = z.strictObject({
  /** The OpenCost API, e.g. http://opencost.opencost:9003 */
  base_url: z.url({ protocol: /^https?$/, error: "expected an http(s) URL of the OpenCost API" }),
  interval: positiveDuration.default("1h"),
  /** How many days back each run reads (and restates): providers correct recent days. */
  window: positiveDuration.default("7d"),
  /** OpenCost reports amounts without a currency: the billing currency of the accounts. */
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, "expected an ISO 4217 code such as USD")
    .default("USD"),
});

export type FocusSourceConfig = z.infer<typeof focusSourceSchema>;
export type OpencostSourceConfig = z.infer<typeof opencostSourceSchema>;
