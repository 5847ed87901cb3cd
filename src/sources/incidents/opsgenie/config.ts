import { z } from "zod";
import { positiveDuration } from "../../../config/patterns.ts";
import { sourceConfig } from "../../source-config.ts";

// sources.opsgenie: alerts and incidents from Opsgenie or its successor, Jira Service
// Management Operations. Credentials never appear here: see README, "Incident sources".

export const opsgenieSourceSchema = z
  .strictObject({
    /** `jsm` reads the same alerts from Jira Service Management Operations after the migration. */
    api: z.enum(["opsgenie", "jsm"]).default("opsgenie"),
    /** Opsgenie instance: us (api.opsgenie.com) or eu (api.eu.opsgenie.com). */
    region: z.enum(["us", "eu"]).default("us"),
    /** Atlassian site cloud id; JSM only. Kept while on Opsgenie, it makes the switch one line. */
    cloud_id: z.string().min(1).optional(),
    /** Replaces the API host (a proxy, or a test server). */
    base_url: z.url({ protocol: /^https?$/ }).optional(),
    alerts: z.boolean().default(true),
    /** Opsgenie incidents (Standard and Enterprise plans); JSM has no such API, so it is skipped there. */
    incidents: z.boolean().default(true),
    /** Opsgenie search query ANDed to every alert listing, e.g. "priority: (P1 OR P2)". */
    query: z.string().min(1).optional(),
    history_days: z.number().int().min(1).max(3650).default(180),
    interval: positiveDuration.prefault("5m"),
  })
  .superRefine((source, ctx) => {
    if (source.api === "jsm" && source.cloud_id === undefined)
      ctx.addIssue({
        code: "custom",
        path: ["cloud_id"],
        message:
          "api jsm needs cloud_id: your site's id from https://SITE.atlassian.net/_edge/tenant_info",
      });
  });

export type OpsgenieSourceConfig = z.infer<typeof opsgenieSourceSchema>;

export const opsgenieConfig = sourceConfig("opsgenie", opsgenieSourceSchema);
