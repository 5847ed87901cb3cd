import { z } from "zod";
import { alertingSchema, slosSchema } from "./alerting-schema.ts";
import { complianceSchema } from "./compliance-schema.ts";
import { exportedEnvironmentsSchema } from "./exported-environments.ts";
import { duration, positiveDuration, regexText, timerDuration, windowLabel } from "./patterns.ts";
import { retentionSchema } from "./retention-schema.ts";
import { serviceGithubSchema, serviceIncidentsSchema } from "./service-schema.ts";

// The config file, version kpi-exporter/v1. Objects are strict so a misspelt key is
// reported instead of silently ignored; secrets have no place here at all (they come
// from environment variables or *_FILE paths, see secrets.ts).

const costSelectorsSchema = z.strictObject({
  tags: z.record(z.string(), z.string()).optional(),
  sub_accounts: z.array(z.string()).optional(),
  resource_prefixes: z.array(z.string()).optional(),
});

const name = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]*$/i, "expected a name of letters, digits, . _ -");

const serviceSchema = z.strictObject({
  name,
  repositories: z.array(z.string().regex(/^[^/\s]+\/[^/\s]+$/, "expected owner/name")).optional(),
  cost_selectors: costSelectorsSchema.optional(),
  github: serviceGithubSchema.optional(),
  incidents: serviceIncidentsSchema.optional(),
});

const teamSchema = z.strictObject({
  name,
  services: z.array(serviceSchema).default([]),
  compliance: complianceSchema.optional(),
});

const levelThresholds = z.strictObject({ elite: z.number(), high: z.number(), medium: z.number() });
const durationThresholds = z.strictObject({ elite: duration, high: duration, medium: duration });

export const configSchema = z.strictObject({
  version: z.literal("kpi-exporter/v1"),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, "expected an ISO 4217 code such as EUR")
    .default("EUR"),
  currency_rates: z
    .record(z.string().regex(/^[A-Z]{3}$/, "expected an ISO 4217 code"), z.number().positive())
    .default({}),
  windows: z.array(windowLabel).min(1).default(["7d", "30d", "90d"]),
  production_environments: regexText.default("^(prod|production)$"),
  exported_environments: exportedEnvironmentsSchema,
  attribution_window: duration.prefault("24h"),
  rework_labels: z.array(z.string()).default(["hotfix", "revert", "incident"]),
  feature_labels: z.array(z.string()).default(["feature", "enhancement"]),
  snapshot_interval: positiveDuration.prefault("5m"),
  catalogue: z.strictObject({ accept_unknown_services: z.boolean().default(false) }).default({
    accept_unknown_services: false,
  }),
  teams: z.array(teamSchema).default([]),
  /** true: a line with a field its kind does not define is rejected, not stored with a warning. */
  import: z.strictObject({ strict: z.boolean().default(false) }).default({ strict: false }),
  compliance: complianceSchema.default({}),
  vulnerabilities: z
    .strictObject({
      sla: z
        .strictObject({
          critical: duration.prefault("7d"),
          high: duration.prefault("30d"),
          medium: duration.prefault("90d"),
          low: duration.prefault("180d"),
        })
        .prefault({}),
      dismissed_count_as_remediated: z.boolean().default(false),
    })
    .prefault({}),
  performance_levels: z
    .strictObject({
      lead_time: durationThresholds.optional(),
      deployment_frequency: levelThresholds.optional(),
      change_failure: levelThresholds.optional(),
      recovery_time: durationThresholds.optional(),
    })
    .default({}),
  /**
   * Each source's section, by source name. This layer knows them only as names: the loader
   * (src/sources/config-file.ts) validates each with the schema its source's folder holds.
   */
  sources: z.record(z.string(), z.unknown()).default({}),
  /** Signed checkpoints of the evidence ledger's head, on a schedule (decision 155). */
  evidence_anchor: z
    .strictObject({
      /** Ed25519 private key, PEM; readable by the exporter, not by the database. */
      key_file: z.string().min(1),
      /** Directory or s3://bucket/prefix the checkpoints are added to (never rewritten). */
      witness: z.string().min(1),
      interval: positiveDuration.prefault("1h"),
    })
    .optional(),
  /** How long records, the ledger and its archive are kept, and where (decision 156). */
  retention: retentionSchema.optional(),
  /** Bounds on every source's upstream calls (decision 153). */
  collector_timeouts: z
    .strictObject({
      /** Longest wait for one upstream request, body included. */
      request: timerDuration.prefault("30s"),
      /** Longest collector run; past it the run fails and the next resumes from its cursors. */
      run: timerDuration.prefault("30m"),
    })
    .prefault({}),
  server: z
    .strictObject({
      port: z.number().int().min(1).max(65535).default(9478),
      body_limit: z
        .string()
        .regex(/^\d+(b|kb|mb|gb)$/i, "expected a size such as 512kb or 10mb")
        .default("10mb"),
    })
    .default({ port: 9478, body_limit: "10mb" }),
  alerting: alertingSchema.prefault({}),
  slos: slosSchema,
});

export type ConfigFile = z.infer<typeof configSchema>;
export type { ControlsConfig } from "./compliance-schema.ts";
export type TeamConfig = z.infer<typeof teamSchema>;
