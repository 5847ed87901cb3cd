import { formatDuration } from "../config/duration.ts";
import type { ConfigFile } from "../config/schema.ts";
import type { Scope } from "../vocabulary/alert-names.ts";
import { LABEL } from "../vocabulary/conventions.ts";
import { KPI } from "../vocabulary/kpi-catalogue.ts";
import { type AlertExample, type AlertSpec, held } from "./alert-spec.ts";
import { costPerChangeRegression } from "./cost-alert.ts";
import { eq, formatNumber, scopeMatchers, selector, seriesOf } from "./promql.ts";
import { RulesError } from "./runbooks.ts";
import { KPI_FOR_MS, OTHER_SCOPE, pct, round, SCOPE_LABELS, SUBJECT } from "./scopes.ts";

// Alerts on the KPIs themselves, for the people who own them: each fires per series of
// its scope (one alert per team by default), as a ticket, after holding for 30 minutes.

const STEP_MS = 5 * 60_000;

interface Gauge {
  metric: string;
  scope: Scope;
  target: Record<string, string>;
  labels: Record<string, string>;
}

const labelsOf = (g: Gauge, scope: Scope, extra: Record<string, string> = {}) => ({
  ...g.target,
  ...SCOPE_LABELS[scope],
  ...g.labels,
  ...extra,
});

/** Breach at the alert's scope fires; the boundary value and other scopes stay quiet. */
function thresholdExamples(g: Gauge, breach: number, boundary: number, forMs: number) {
  const span = forMs + 30 * 60_000;
  const at = (scope: Scope, value: number, extra: Record<string, string> = {}) => ({
    series: seriesOf(g.metric, labelsOf(g, scope, extra)),
    values: held(value, span, STEP_MS),
  });
  const firing: AlertExample = {
    title: `fires at ${breach}`,
    interval: "5m",
    series: [at(g.scope, breach)],
    evalTimeMs: span,
    fires: [{ labels: labelsOf(g, g.scope), value: breach }],
    ...(forMs > 0 ? { quietAtMs: Math.floor(forMs / 2 / STEP_MS) * STEP_MS } : {}),
  };
  const quiet: AlertExample = {
    title: `stays quiet at ${boundary} and at the ${OTHER_SCOPE[g.scope]} scope`,
    interval: "5m",
    series: [at(g.scope, boundary), at(OTHER_SCOPE[g.scope], breach)],
    evalTimeMs: span,
    fires: [],
  };
  return { firing, quiet, at, span };
}

/**
 * A KPI alert's window must be exported. Checked when rules are generated, not when the
 * config loads: the defaults (30d, 90d) must not stop an exporter whose windows differ.
 */
export function assertExportedWindows(config: ConfigFile): void {
  const windowed = [
    ["compliance_coverage", "KpiComplianceCoverageBelowTarget"],
    ["change_failure_ratio", "KpiChangeFailureRatioHigh"],
    ["cost_per_change_regression", "KpiCostPerChangeRegressed"],
  ] as const;
  for (const [key, alert] of windowed) {
    const { window } = config.alerting[key];
    if (config.alerting.overrides[alert]?.enabled === false || config.windows.includes(window))
      continue;
    throw new RulesError(
      `alerting.${key}.window: ${window} is not an exported window (windows: ${config.windows.join(", ")}); add it to windows, choose another, or disable ${alert}`,
    );
  }
}

export function kpiAlertSpecs(config: ConfigFile, target: Record<string, string>): AlertSpec[] {
  const a = config.alerting;
  const windowed = (metric: string, window: string, scope: Scope) =>
    selector(metric, eq(LABEL.window, window), ...scopeMatchers(scope));

  const coverage = a.compliance_coverage;
  const coverageGauge: Gauge = {
    metric: KPI.complianceCoverage.name,
    scope: coverage.scope,
    target,
    labels: { window: coverage.window },
  };

  const overdue = a.critical_vulnerabilities_overdue;
  const overdueGauge: Gauge = {
    metric: KPI.vulnerabilitiesOverdue.name,
    scope: overdue.scope,
    target,
    labels: { severity: "critical" },
  };

  const failure = a.change_failure_ratio;
  const failureGauge: Gauge = {
    metric: KPI.changeFailureRatio.name,
    scope: failure.scope,
    target,
    labels: { window: failure.window },
  };

  return [
    {
      name: "KpiComplianceCoverageBelowTarget",
      expr: `${windowed(coverageGauge.metric, coverage.window, coverage.scope)} < ${formatNumber(coverage.target)}`,
      forMs: KPI_FOR_MS,
      severity: "ticket",
      summary: `${SUBJECT[coverage.scope]}: compliance coverage below ${pct(coverage.target)} over ${coverage.window}`,
      description: `${SUBJECT[coverage.scope]}: {{ $value | humanizePercentage }} of the production deployments of the last ${coverage.window} passed every mandatory control; the target is ${pct(coverage.target)}. \`kpi-exporter explain deployment ID\` says which control a deployment failed.`,
      examples(forMs) {
        const t = thresholdExamples(
          coverageGauge,
          round(coverage.target * 0.8),
          coverage.target,
          forMs,
        );
        return [t.firing, t.quiet];
      },
    },
    {
      name: "KpiCriticalVulnerabilitiesOverdue",
      expr: `${selector(overdueGauge.metric, eq(LABEL.severity, "critical"), ...scopeMatchers(overdue.scope))} > ${overdue.max}`,
      forMs: KPI_FOR_MS,
      severity: "ticket",
      summary: `${SUBJECT[overdue.scope]}: critical vulnerabilities open past their ${formatDuration(config.vulnerabilities.sla.critical)} SLA`,
      description: `${SUBJECT[overdue.scope]} has {{ $value }} critical vulnerabilities open for longer than the ${formatDuration(config.vulnerabilities.sla.critical)} remediation SLA (allowed: ${overdue.max}).`,
      examples(forMs) {
        const t = thresholdExamples(overdueGauge, overdue.max + 1, overdue.max, forMs);
        const high = t.at(overdue.scope, overdue.max + 1, { severity: "high" });
        return [
          t.firing,
          {
            ...t.quiet,
            title: `${t.quiet.title}, and for high severity`,
            series: [...t.quiet.series, high],
          },
        ];
      },
    },
    {
      name: "KpiChangeFailureRatioHigh",
      expr: `${windowed(failureGauge.metric, failure.window, failure.scope)} > ${formatNumber(failure.max)}`,
      forMs: KPI_FOR_MS,
      severity: "ticket",
      summary: `${SUBJECT[failure.scope]}: change failure ratio above ${pct(failure.max)} over ${failure.window}`,
      description: `${SUBJECT[failure.scope]}: {{ $value | humanizePercentage }} of the production deployments of the last ${failure.window} failed (caused an incident or were rolled back); the threshold is ${pct(failure.max)}.`,
      examples(forMs) {
        const t = thresholdExamples(
          failureGauge,
          round(Math.min(1, failure.max + 0.1)),
          failure.max,
          forMs,
        );
        return [t.firing, t.quiet];
      },
    },
    costPerChangeRegression(config, target),
  ];
}
