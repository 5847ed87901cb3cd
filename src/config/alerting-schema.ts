import { z } from "zod";
import { KPI_ALERT_NAMES, SCOPES, SEVERITIES, sloAlertName } from "../vocabulary/alert-names.ts";
import { DAY_MS, parseDuration } from "./duration.ts";
import { duration, positiveDuration, windowLabel } from "./patterns.ts";

// The `alerting` and `slos` sections: thresholds of the generated KPI alerts, and the
// SLOs whose burn-rate rules `kpi-exporter rules` writes with Sloth's conventions.

const labelName = z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/, "expected a Prometheus label name");
const scope = z.enum(SCOPES).default("team");
const ratio = z.number().min(0).max(1);

/** Labels a user may add to an alert; severity and sloth_* belong to the generator. */
const extraLabels = z
  .record(labelName, z.string(), {
    error: (issue) =>
      issue.code === "invalid_key" ? "expected a Prometheus label name" : undefined,
  })
  .superRefine((labels, ctx) => {
    for (const key of Object.keys(labels))
      if (key === "severity" || key.startsWith("sloth_"))
        ctx.addIssue({
          code: "custom",
          path: [key],
          message: "severity and sloth_* labels are set by the generator",
        });
  });

const overrideSchema = z.strictObject({
  enabled: z.boolean().default(true),
  runbook_url: z.url().optional(),
  severity: z.enum(SEVERITIES).optional(),
  for: duration.optional(),
  labels: extraLabels.optional(),
});

export const alertingSchema = z.strictObject({
  /** A KPI alert without its own runbook_url links to this base followed by the alert name. */
  runbook_base_url: z.url().optional(),
  /** Prometheus job that scrapes the exporter; KpiExporterAbsent watches its `up`. */
  exporter_job: z.string().min(1).default("kpi-exporter"),
  compliance_coverage: z
    .strictObject({
      target: ratio.gt(0).default(1),
      window: windowLabel.default("30d"),
      scope,
    })
    .prefault({}),
  critical_vulnerabilities_overdue: z
    .strictObject({ max: z.number().int().min(0).default(0), scope })
    .prefault({}),
  change_failure_ratio: z
    .strictObject({
      max: z.number().min(0).lt(1).default(0.15),
      window: windowLabel.default("30d"),
      scope,
    })
    .prefault({}),
  cost_per_change_regression: z
    .strictObject({
      max_ratio: z.number().gt(1).default(1.1),
      window: windowLabel.default("90d"),
      scope,
    })
    .prefault({}),
  collector_down: z.strictObject({ for: positiveDuration.prefault("15m") }).prefault({}),
  collector_stale: z
    .strictObject({
      after: positiveDuration.prefault("3h"),
      missed_runs: z.number().int().min(1).default(3),
    })
    .prefault({}),
  snapshot_stale: z.strictObject({ after: positiveDuration.prefault("30m") }).prefault({}),
  overrides: z
    .partialRecord(z.enum(KPI_ALERT_NAMES), overrideSchema, {
      // zod reports unknown keys of an enum-keyed record as unrecognized_keys at runtime.
      error: (issue) => {
        const { code, keys } = issue as { code: string; keys?: string[] };
        return code === "unrecognized_keys"
          ? `unknown alert ${keys?.join(", ")}; known: ${KPI_ALERT_NAMES.join(", ")}`
          : undefined;
      },
    })
    .default({}),
});

const windowQuery = z
  .string()
  .min(1)
  .refine((q) => /\{\{\s*\.window\s*\}\}/.test(q), {
    message: "expected a query using {{.window}} as its range, e.g. rate(x_total[{{.window}}])",
  });

const sloPeriod = z.string().refine(
  (text) => {
    const ms = parseDuration(text) ?? 0;
    return ms >= 7 * DAY_MS && ms % DAY_MS === 0;
  },
  { message: "expected whole days of at least 7d, such as 30d or 28d" },
);

export const sloSchema = z.strictObject({
  service: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/i, "expected letters, digits, _ or -"),
  name: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/i, "expected letters, digits, _ or -"),
  objective: z.number().gt(0).lt(100),
  period: sloPeriod.default("30d"),
  description: z.string().min(1),
  sli: z.strictObject({ error_query: windowQuery, total_query: windowQuery }),
  alert_name: z
    .string()
    .regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/, "expected an alert name such as CheckoutAvailabilitySLO")
    .optional(),
  runbook_url: z.url().optional(),
  page_labels: extraLabels.default({}),
  ticket_labels: extraLabels.default({}),
});

export type AlertingConfig = z.infer<typeof alertingSchema>;
export type SloConfig = z.infer<typeof sloSchema>;

/** SLO ids and alert names must be unique across the list and the KPI alerts. */
function uniqueSlos(slos: SloConfig[], ctx: z.RefinementCtx): void {
  const ids = new Set<string>();
  const alertNames = new Set<string>(KPI_ALERT_NAMES);
  slos.forEach((slo, i) => {
    const id = `${slo.service}-${slo.name}`;
    if (ids.has(id)) {
      ctx.addIssue({ code: "custom", path: [i, "name"], message: `duplicate SLO ${id}` });
      return;
    }
    ids.add(id);
    const alertName = sloAlertName(slo);
    if (alertNames.has(alertName))
      ctx.addIssue({
        code: "custom",
        path: [i, "alert_name"],
        message: `alert name ${alertName} is already used by another alert; set a distinct alert_name`,
      });
    alertNames.add(alertName);
  });
}

/** The `slos` list; uniqueness is checked once every SLO is valid on its own. */
export const slosSchema = z
  .array(sloSchema)
  .superRefine(uniqueSlos, { when: (payload) => payload.issues.length === 0 })
  .default([]);
