import type { SloConfig } from "../config/alerting-schema.ts";
import { sloAlertName } from "./alert-names.ts";
import { formatDuration, formatNumber, seriesOf, sortedLabels } from "./promql.ts";
import { type Segment, sliFixture } from "./sli-fixture.ts";
import { sloId, sloRuleFile } from "./slo.ts";
import { renderTemplate } from "./template.ts";
import type { AlertingRule, PromqlExprTest, RuleFile, TestFile, UnitTest } from "./types.ts";
import { BURN_WINDOWS, burnFactor, errorBudget } from "./windows.ts";

// A promtool test per SLO with three scenarios: a fast burn pages, a slow burn opens a
// ticket, and errors within budget raise nothing. Burn speeds sit midway between the
// thresholds they must cross and those they must not, whatever the objective and period.

const PER_MINUTE = 100_000;
const HOUR = 60;
const DAY = 24 * HOUR;

/** A whole number strictly between lo and hi when one fits, else the midpoint. */
function between(lo: number, hi: number): number | undefined {
  if (!(lo < hi)) return undefined;
  const mid = (lo + hi) / 2;
  return Math.round(mid) > lo && Math.round(mid) < hi ? Math.round(mid) : mid;
}

export function sloTestFile(slo: SloConfig, rules: RuleFile): TestFile | { unsupported: string } {
  const fixture = sliFixture(slo.sli.error_query, slo.sli.total_query);
  if ("unsupported" in fixture) return fixture;
  const budget = errorBudget(slo.objective);
  const [pageQuick, pageSlow, ticketQuick, ticketSlow] = BURN_WINDOWS.map((w) =>
    burnFactor(w, slo.period),
  ) as [number, number, number, number];
  // Fast: one hour after a clean day; the day and 3d windows must stay under the tickets.
  const fast = between(pageQuick, Math.min(ticketQuick * 24, ticketSlow * 25));
  const slow = between(ticketQuick, pageSlow);
  if (fast === undefined || slow === undefined || fast * budget > 1)
    return { unsupported: `objective ${slo.objective}% leaves no room for a page to fire` };
  const errors = (speed: number) => Math.round(speed * budget * PER_MINUTE);
  const ratio = (speed: number) => errors(speed) / PER_MINUTE;
  const alerts = rules.groups
    .flatMap((g) => g.rules)
    .filter((r): r is AlertingRule => "alert" in r);
  const ids = { sloth_id: sloId(slo), sloth_service: slo.service, sloth_slo: slo.name };
  const fired = (severity: "page" | "ticket", window: string, value: number) => {
    const rule = alerts.find((r) => r.labels.sloth_severity === severity) as AlertingRule;
    const labels = { ...ids, sloth_window: window };
    const annotations = Object.fromEntries(
      Object.entries(rule.annotations).map(([k, v]) => [k, renderTemplate(v, labels, value)]),
    );
    return {
      exp_labels: sortedLabels({ ...labels, ...rule.labels }),
      exp_annotations: annotations,
    };
  };
  const alertname = sloAlertName(slo);
  const scenario = (name: string, segments: Segment[]): UnitTest => ({
    name: `${alertname}: ${name}`,
    interval: "1m",
    input_series: fixture.series(segments),
  });
  const at = (minutes: number) => formatDuration(minutes * 60_000);
  // A recorded series keeps its name; round() drops it.
  const meta = (expr: string, labels: Record<string, string>, value: number): PromqlExprTest => ({
    expr,
    eval_time: at(DAY),
    exp_samples: [{ labels: seriesOf(expr.startsWith("round(") ? "" : expr, labels), value }],
  });
  const tests: UnitTest[] = [
    {
      ...scenario(`pages on a ${fast}x burn for an hour after a clean day`, [
        { minutes: DAY, totalPerMinute: PER_MINUTE, errorsPerMinute: 0 },
        { minutes: HOUR, totalPerMinute: PER_MINUTE, errorsPerMinute: errors(fast) },
      ]),
      alert_rule_test: [
        { eval_time: at(DAY), alertname, exp_alerts: [] },
        { eval_time: at(DAY + HOUR), alertname, exp_alerts: [fired("page", "5m", ratio(fast))] },
      ],
    },
    {
      ...scenario(`opens a ticket on a ${slow}x burn for a day`, [
        { minutes: DAY, totalPerMinute: PER_MINUTE, errorsPerMinute: errors(slow) },
      ]),
      alert_rule_test: [
        { eval_time: at(DAY), alertname, exp_alerts: [fired("ticket", "2h", ratio(slow))] },
      ],
      promql_expr_test: [
        meta("slo:objective:ratio", ids, Number(formatNumber(slo.objective / 100))),
        meta("slo:error_budget:ratio", ids, budget),
        meta("slo:time_period:days", ids, Number.parseInt(slo.period, 10)),
        meta("round(slo:current_burn_rate:ratio, 0.001)", { ...ids, sloth_window: "5m" }, slow),
        meta(
          "round(slo:period_error_budget_remaining:ratio, 0.001)",
          { ...ids, sloth_window: slo.period },
          1 - slow,
        ),
      ],
    },
    {
      ...scenario("stays quiet at half the budget's pace", [
        { minutes: DAY, totalPerMinute: PER_MINUTE, errorsPerMinute: errors(0.5) },
      ]),
      alert_rule_test: [6 * HOUR, DAY].map((m) => ({
        eval_time: at(m),
        alertname,
        exp_alerts: [],
      })),
    },
  ];
  return {
    path: `tests/slo-${sloId(slo)}.test.yml`,
    rule_files: [`../${sloRuleFile(slo)}`],
    // Every 5m, not every minute: a day of 1m samples through 3d ranges stays quick.
    evaluation_interval: "5m",
    tests,
  };
}
