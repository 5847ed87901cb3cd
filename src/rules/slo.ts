import type { AlertingConfig, SloConfig } from "../config/alerting-schema.ts";
import { type Severity, sloAlertName } from "../vocabulary/alert-names.ts";
import { eq, formatNumber } from "./promql.ts";
import { resolveRunbook } from "./runbooks.ts";
import type { AlertingRule, RecordingRule, RuleFile } from "./types.ts";
import { BURN_WINDOWS, burnFactor, burnThreshold, errorBudget, SLI_WINDOWS } from "./windows.ts";

// One SLO's rules with Sloth's names, labels and groups, so Sloth's dashboards and any
// query written for Sloth work unchanged: error ratios per window, meta rules, and one
// alert name with a page and a ticket rule (multiwindow, multi-burn-rate).

export const sloId = (slo: SloConfig) => `${slo.service}-${slo.name}`;
export const sloRuleFile = (slo: SloConfig) => `slo-${sloId(slo)}.rules.yml`;

const WINDOW = /\{\{\s*\.window\s*\}\}/g;
const SLI = "slo:sli_error:ratio_rate";

function sloLabels(slo: SloConfig): Record<string, string> {
  return { sloth_id: sloId(slo), sloth_service: slo.service, sloth_slo: slo.name };
}

/** `{sloth_id="…", sloth_service="…", sloth_slo="…"}`: this SLO's series only. */
function ofSlo(name: string, slo: SloConfig): string {
  const labels = sloLabels(slo);
  return `${name}{${Object.entries(labels)
    .map(([k, v]) => eq(k, v))
    .join(", ")}}`;
}

function sliRecordings(slo: SloConfig): RecordingRule[] {
  const windows = SLI_WINDOWS.map((window) => ({
    record: `${SLI}${window}`,
    expr: `(${slo.sli.error_query.replace(WINDOW, window)})\n/\n(${slo.sli.total_query.replace(WINDOW, window)})\n`,
    labels: { ...sloLabels(slo), sloth_window: window },
  }));
  // The period's ratio averages the 5m ratio instead of querying a 30-day range of raw data.
  const fiveMinutes = `${ofSlo(`${SLI}5m`, slo)}[${slo.period}]`;
  const period = {
    record: `${SLI}${slo.period}`,
    expr: `sum_over_time(${fiveMinutes})\n/ ignoring (sloth_window)\ncount_over_time(${fiveMinutes})\n`,
    labels: { ...sloLabels(slo), sloth_window: slo.period },
  };
  return [...windows, period];
}

function metaRecordings(slo: SloConfig): RecordingRule[] {
  const labels = sloLabels(slo);
  const budget = ofSlo("slo:error_budget:ratio", slo);
  const perBudget = (ratio: string) =>
    `${ofSlo(ratio, slo)}\n/ on (sloth_id, sloth_slo, sloth_service) group_left\n${budget}\n`;
  const days = Number.parseInt(slo.period, 10);
  return [
    { record: "slo:objective:ratio", expr: `vector(${formatNumber(slo.objective / 100)})`, labels },
    { record: "slo:error_budget:ratio", expr: `vector(${errorBudget(slo.objective)})`, labels },
    { record: "slo:time_period:days", expr: `vector(${days})`, labels },
    { record: "slo:current_burn_rate:ratio", expr: perBudget(`${SLI}5m`), labels },
    { record: "slo:period_burn_rate:ratio", expr: perBudget(`${SLI}${slo.period}`), labels },
    {
      record: "slo:period_error_budget_remaining:ratio",
      expr: `1 - ${ofSlo("slo:period_burn_rate:ratio", slo)}`,
      labels,
    },
    {
      record: "sloth_slo_info",
      expr: "vector(1)",
      labels: { ...labels, sloth_objective: String(slo.objective) },
    },
  ];
}

/**
 * Each window pair's condition for a severity, as Sloth writes it: every term drops
 * `sloth_window`, so whichever pair burns the result carries the SLO's labels alone and a
 * burn moving from one pair to the other stays one alert instead of resolving and firing anew.
 */
export function burnConditions(slo: SloConfig, severity: Severity): string[] {
  return BURN_WINDOWS.filter((w) => w.severity === severity).map((w) => {
    const threshold = formatNumber(burnThreshold(w, slo.period, slo.objective));
    const above = (window: string) =>
      `max(${ofSlo(`${SLI}${window}`, slo)} > ${threshold}) without (sloth_window)`;
    return `(\n  ${above(w.short)}\n  and\n  ${above(w.long)}\n)`;
  });
}

function burnAlert(
  slo: SloConfig,
  index: number,
  severity: Severity,
  alerting: AlertingConfig,
): AlertingRule {
  const windows = BURN_WINDOWS.filter((w) => w.severity === severity);
  const speeds = windows
    .map((w) => `${burnFactor(w, slo.period)}× over ${w.short} and ${w.long}`)
    .join(", or ");
  const spends = windows
    .map((w) => `${formatNumber(w.budgetShare * 100)}% of it in ${w.long}`)
    .join(" or ");
  const alert = sloAlertName(slo);
  return {
    alert,
    expr: `${burnConditions(slo, severity).join("\nor\n")}\n`,
    labels: {
      severity,
      sloth_severity: severity,
      ...(severity === "page" ? slo.page_labels : slo.ticket_labels),
    },
    annotations: {
      summary: `{{ $labels.sloth_service }} {{ $labels.sloth_slo }} SLO: error budget burning too fast (${severity})`,
      description: `${slo.description}. The short window's error ratio is {{ $value | humanizePercentage }}, against an error budget of ${formatNumber(100 - slo.objective)}% over ${slo.period} (objective ${slo.objective}%): the budget burns at least ${speeds} as fast as the period allows, which spends ${spends}.`,
      runbook_url: resolveRunbook({
        subject: `SLO ${slo.service}/${slo.name} (alert ${alert})`,
        alertName: alert,
        explicit: slo.runbook_url,
        explicitKey: `slos[${index}].runbook_url`,
        base: alerting.runbook_base_url,
      }),
    },
  };
}

export function sloRules(slo: SloConfig, index: number, alerting: AlertingConfig): RuleFile {
  const id = sloId(slo);
  return {
    path: sloRuleFile(slo),
    groups: [
      { name: `sloth-slo-sli-recordings-${id}`, rules: sliRecordings(slo) },
      { name: `sloth-slo-meta-recordings-${id}`, rules: metaRecordings(slo) },
      {
        name: `sloth-slo-alerts-${id}`,
        rules: [burnAlert(slo, index, "page", alerting), burnAlert(slo, index, "ticket", alerting)],
      },
    ],
  };
}
