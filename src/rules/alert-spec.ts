import type { AlertingConfig } from "../config/alerting-schema.ts";
import { formatDuration } from "../config/duration.ts";
import type { KpiAlertName, Severity } from "../vocabulary/alert-names.ts";
import { resolveRunbook } from "./runbooks.ts";
import type { AlertingRule, InputSeries } from "./types.ts";

// A KPI or exporter-health alert as the generator defines it, with the examples its
// promtool unit test is made of, and how the config's overrides turn it into a rule.

export interface FiringAlert {
  /** Labels of the alerting sample (before the rule's own labels are added). */
  labels: Record<string, string>;
  value: number;
}

/** One promtool test case: input series, then what fires at evalTime (maybe nothing). */
export interface AlertExample {
  title: string;
  interval: string;
  series: InputSeries[];
  evalTimeMs: number;
  fires: FiringAlert[];
  /** An earlier instant when nothing fires yet: pending within `for`, or at the threshold. */
  quietAtMs?: number;
  /** Rule evaluation step when one minute would make a long test slow (default 1m). */
  evaluationIntervalMs?: number;
}

/** Stands for the alert's effective `for` in its summary and description. */
export const FOR = "{for}";

export interface AlertSpec {
  name: KpiAlertName;
  expr: string;
  forMs: number;
  severity: Severity;
  summary: string;
  description: string;
  /** Test cases for the effective `for`, which the config may override. */
  examples(forMs: number): AlertExample[];
}

export interface BuiltAlert {
  rule: AlertingRule;
  examples: AlertExample[];
}

/** Applies alerting.overrides; undefined when the alert is disabled. */
export function buildAlert(spec: AlertSpec, alerting: AlertingConfig): BuiltAlert | undefined {
  const override = alerting.overrides[spec.name];
  if (override?.enabled === false) return undefined;
  const forMs = override?.for === undefined ? spec.forMs : override.for;
  const extra = override?.labels ?? {};
  const labels: Record<string, string> = { severity: override?.severity ?? spec.severity };
  for (const key of Object.keys(extra).sort()) labels[key] = extra[key] as string;
  const runbook = resolveRunbook({
    subject: `alert ${spec.name}`,
    alertName: spec.name,
    explicit: override?.runbook_url,
    explicitKey: `alerting.overrides.${spec.name}.runbook_url`,
    base: alerting.runbook_base_url,
  });
  const rule: AlertingRule = {
    alert: spec.name,
    expr: spec.expr,
    ...(forMs > 0 ? { for: formatDuration(forMs) } : {}),
    labels,
    annotations: {
      summary: spec.summary.replaceAll(FOR, formatDuration(forMs)),
      description: spec.description.replaceAll(FOR, formatDuration(forMs)),
      runbook_url: runbook,
    },
  };
  return { rule, examples: spec.examples(forMs) };
}

/** `value` repeated so the series spans `spanMs` at `intervalMs` (promtool's axn notation). */
export function held(value: number | string, spanMs: number, intervalMs: number): string {
  return `${value}x${Math.ceil(spanMs / intervalMs)}`;
}

/** Greatest common divisor: an evaluation step that lands on every instant a test names. */
export const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
