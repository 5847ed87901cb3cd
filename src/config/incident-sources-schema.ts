import { z } from "zod";
import { positiveDuration } from "./patterns.ts";

// The incident sources (Opsgenie or its successor Jira Service Management Operations,
// PagerDuty, GitHub issues) and the per-service selectors that route their incidents to
// catalogue services. Credentials never appear here: see README, "Incident sources".

const historyDays = z.number().int().min(1).max(3650).default(180);
const interval = positiveDuration.default("5m");
const httpUrl = z.url({ protocol: /^https?$/ });

export const opsgenieSourceSchema = z
  .strictObject({
    /** `jsm` reads the same alerts from Jira Service Management Operations after the migration. */
    api: z.enum(["opsgenie", "jsm"]).default("opsgenie"),
    /** Opsgenie instance: us (api.opsgenie.com) or eu (api.eu.opsgenie.com). */
    region: z.enum(["us", "eu"]).default("us"),
    /** Atlassian site cloud id; JSM only. Kept while on Opsgenie, it makes the switch one line. */
    cloud_id: z.string().min(1).optional(),
    /** Replaces the API host (a proxy, or a test server). */
    base_url: httpUrl.optional(),
    alerts: z.boolean().default(true),
    /** Opsgenie incidents (Standard and Enterprise plans); JSM has no such API, so it is skipped there. */
    incidents: z.boolean().default(true),
    /** Opsgenie search query ANDed to every alert listing, e.g. "priority: (P1 OR P2)". */
    query: z.string().min(1).optional(),
    history_days: historyDays,
    interval,
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

export const pagerdutySourceSchema = z.strictObject({
  base_url: httpUrl.default("https://api.pagerduty.com"),
  history_days: historyDays,
  interval,
});

export const githubIssuesSourceSchema = z.strictObject({
  /** An issue carrying any of these labels is an incident. */
  labels: z.array(z.string().min(1)).min(1).default(["incident"]),
  /** Default: sources.github.base_url, else https://api.github.com. */
  base_url: httpUrl.optional(),
  history_days: historyDays,
  interval,
});

const priority = z
  .string()
  .regex(
    /^(p[1-5]|high|low)$/i,
    "expected a priority P1 to P5, or a PagerDuty urgency high or low",
  );

/** Which incidents belong to a service. Any one selector matching is enough. */
export const serviceIncidentsSchema = z.strictObject({
  /** Opsgenie/JSM tags and GitHub issue labels, compared case-insensitively. */
  tags: z.array(z.string().min(1)).optional(),
  /** Opsgenie/JSM team names or ids among an alert's responders or an incident's owner team. */
  opsgenie_teams: z.array(z.string().min(1)).optional(),
  /** PagerDuty service ids or names. */
  pagerduty_services: z.array(z.string().min(1)).optional(),
  /** Only incidents of these priorities count for the service; default every priority. */
  priorities: z.array(priority).min(1).optional(),
});

export type OpsgenieSourceConfig = z.infer<typeof opsgenieSourceSchema>;
export type PagerdutySourceConfig = z.infer<typeof pagerdutySourceSchema>;
export type GithubIssuesSourceConfig = z.infer<typeof githubIssuesSourceSchema>;
export type ServiceIncidentsConfig = z.infer<typeof serviceIncidentsSchema>;
