import { LABEL, SELF } from "../vocabulary/conventions.ts";
import { KPI } from "../vocabulary/kpi-catalogue.ts";
import { held } from "./alert-spec.ts";
import { by, scopeMatchers, selector, seriesOf } from "./promql.ts";
import type { InputSeries, RecordingRule } from "./types.ts";

// Recording rules for what dashboards and people ask of the KPIs but no single series
// answers. Names follow level:metric:operations. Exporter replicas serve the same numbers
// from one database, so gauges are first reduced with max to count each value once.

export interface RecordingExample {
  rule: RecordingRule;
  series: InputSeries[];
  expected: Array<{ labels: string; value: number }>;
}

const MINUTE = 60_000;
export const RECORDING_EVAL_MS = 10 * MINUTE;
const gauge = (name: string, labels: Record<string, string>, value: number) => ({
  series: seriesOf(name, labels),
  values: held(value, RECORDING_EVAL_MS, MINUTE),
});
const r0 = { job: "kpi-exporter", instance: "exporter-0:9478" };
const r1 = { job: "kpi-exporter", instance: "exporter-1:9478" };
const replicas = [r0, r1];
const org = scopeMatchers("organisation");
const teams = scopeMatchers("team");

export function recordingExamples(): RecordingExample[] {
  const cost = KPI.cost.name;
  const overdue = KPI.vulnerabilitiesOverdue.name;
  const open = KPI.vulnerabilitiesOpen.name;
  const level = KPI.performanceLevel.name;
  const requests = SELF.apiRequests.name;
  const totalCost = `window_currency:${cost}:sum`;
  const teamOverdue = `team:${overdue}:sum`;
  const overdueShare = `severity:${overdue}:ratio`;
  const weakestLevel = `window_team:${level}:min`;
  const apiRate = `collector_outcome:${requests.replace(/_total$/, "")}:rate5m`;
  const eur = { window: "30d", currency: "EUR" };
  return [
    {
      // Cloud and CI together: the organisation's whole cost per window.
      rule: {
        record: totalCost,
        expr: `sum ${by(LABEL.window, LABEL.currency)} (max ${by(LABEL.window, LABEL.currency, LABEL.category)} (${selector(cost, ...org)}))`,
      },
      series: replicas.flatMap((r) => [
        gauge(cost, { ...r, ...eur, category: "cloud" }, 1000),
        gauge(cost, { ...r, ...eur, category: "ci" }, 200),
        gauge(cost, { ...r, ...eur, category: "cloud", team: "payments" }, 700),
      ]),
      expected: [{ labels: seriesOf(totalCost, eur), value: 1200 }],
    },
    {
      // Overdue findings of every severity per team, to rank teams by security debt.
      rule: {
        record: teamOverdue,
        expr: `sum ${by(LABEL.team)} (max ${by(LABEL.team, LABEL.severity)} (${selector(overdue, ...teams)}))`,
      },
      series: replicas.flatMap((r) => [
        gauge(overdue, { ...r, team: "payments", severity: "critical" }, 1),
        gauge(overdue, { ...r, team: "payments", severity: "high" }, 2),
        gauge(overdue, { ...r, team: "payments", service: "checkout", severity: "high" }, 2),
        gauge(overdue, { ...r, severity: "high" }, 9),
      ]),
      expected: [{ labels: seriesOf(teamOverdue, { team: "payments" }), value: 3 }],
    },
    {
      // Share of the organisation's open findings already past their SLA, per severity.
      rule: {
        record: overdueShare,
        expr: `max ${by(LABEL.severity)} (${selector(overdue, ...org)}) / (max ${by(LABEL.severity)} (${selector(open, ...org)}) > 0)`,
      },
      series: [
        gauge(overdue, { ...r0, severity: "critical" }, 1),
        gauge(open, { ...r0, severity: "critical" }, 4),
        gauge(overdue, { ...r1, severity: "critical" }, 1),
        gauge(open, { ...r1, severity: "critical" }, 4),
        gauge(overdue, { ...r0, severity: "low" }, 0),
        gauge(open, { ...r0, severity: "low" }, 0),
      ],
      expected: [{ labels: seriesOf(overdueShare, { severity: "critical" }), value: 0.25 }],
    },
    {
      // A team's weakest DORA level in a window: the metric to improve first.
      rule: {
        record: weakestLevel,
        expr: `min ${by(LABEL.window, LABEL.team)} (${selector(level, ...teams)})`,
      },
      series: [
        gauge(level, { ...r0, window: "30d", team: "payments", metric: "lead_time" }, 3),
        gauge(level, { ...r0, window: "30d", team: "payments", metric: "change_failure" }, 1),
        gauge(
          level,
          { ...r0, window: "30d", team: "payments", service: "checkout", metric: "lead_time" },
          0,
        ),
      ],
      expected: [{ labels: seriesOf(weakestLevel, { window: "30d", team: "payments" }), value: 1 }],
    },
    {
      // External API calls per second by outcome; only the replica running collectors counts.
      rule: {
        record: apiRate,
        expr: `sum ${by(LABEL.collector, LABEL.outcome)} (rate(${requests}[5m]))`,
      },
      series: [
        {
          series: seriesOf(requests, { ...r0, collector: "github", outcome: "ok" }),
          values: "0+60x10",
        },
        {
          series: seriesOf(requests, { ...r1, collector: "github", outcome: "ok" }),
          values: "0x10",
        },
      ],
      expected: [{ labels: seriesOf(apiRate, { collector: "github", outcome: "ok" }), value: 1 }],
    },
  ];
}
