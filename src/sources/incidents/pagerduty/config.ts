import { z } from "zod";
import { positiveDuration } from "../../../config/patterns.ts";
import { sourceConfig } from "../../source-config.ts";

// sources.pagerduty: incidents from PagerDuty's REST API; the key comes from
// PAGERDUTY_API_KEY (README, "Incident sources").

export const pagerdutySourceSchema = z.strictObject({
  base_url: z.url({ protocol: /^https?$/ }).default("https://api.pagerduty.com"),
  history_days: z.number().int().min(1).max(3650).default(180),
  interval: positiveDuration.prefault("5m"),
});

export type PagerdutySourceConfig = z.infer<typeof pagerdutySourceSchema>;

export const pagerdutyConfig = sourceConfig("pagerduty", pagerdutySourceSchema);
