import type { SloConfig } from "../config/alerting-schema.ts";
import { formatDuration } from "../config/duration.ts";
import { sloAlertName } from "../vocabulary/alert-names.ts";
import { formatNumber, seriesOf, sortedLabels } from "./promql.ts";
import { type Segment, sliFixture } from "./sli-fixture.ts";
import { burnConditions, sloId, sloRuleFile } from "./slo.ts";
import { burnSpeeds, CLEAN, DAY, EASED, HOUR } from "./slo-speeds.ts";
import { renderTemplate } from "./template.ts";
import type { AlertingRule, PromqlExprTest, RuleFile, TestFile, UnitTest } from "./types.ts";

// A promtool test per SLO with three scenarios: a fast burn pages, and stays the same page
// when it eases so that only the slower pair of windows burns; a slow burn opens a ticket;
// errors within budget raise nothing (speeds from slo-speeds.ts).

const PER_MINUTE = 100_000;

export function sloTestFile(slo: SloConfig, rules: RuleFile): TestFile | { unsupported: string } {
  const fixture = sliFixture(slo.sli.error_query, slo.sli.total_query);
  if ("unsupported" in fixture) return fixture;
  const speeds = burnSpeeds(slo);
  if ("unsupported" in speeds) return speeds;
  const { budget, fast, eased, slow } = speeds;
  const errors = (speed: number) => Math.round(speed * budget * PER_MINUTE);
  const ratio = (speed: number) => errors(speed) / PER_MINUTE;
  const alerts = rules.groups
    .flatMap((g) => g.rules)
    .filter((r): r is AlertingRule => "alert" in r);
  const ids = { sloth_id: sloId(slo), sloth_service: slo.service, sloth_slo: slo.name };
  // No sloth_window: an alert's labels are the SLO's and the rule's, whichever pair burns.
  const fired = (severity: "page" | "ticket", value: number) => {
    const rule = alerts.find((r) => r.labels.sloth_severity === severity) as AlertingRule;
    const annotations = Object.fromEntries(
      Object.entries(rule.annotations).map(([k, v]) => [k, renderTemplate(v, ids, value)]),
    );
    return {
      exp_labels: sortedLabels({ ...ids, ...rule.labels }),
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
  // Which page pair burns: one series with the SLO's labels, or none.
  const [quickPair, slowPair] = burnConditions(slo, "page").map((pair) => {
    const oneLine = pair
      .replace(/\s*\n\s*/g, " ")
      .replace(/^\( /, "(")
      .replace(/ \)$/, ")");
    return `count by (${Object.keys(ids).join(", ")}) ${oneLine}`;
  }) as [string, string];
  const burns = (expr: string, minutes: number, yes: boolean): PromqlExprTest => ({
    expr,
    eval_time: at(minutes),
    exp_samples: yes ? [{ labels: seriesOf("", ids), value: 1 }] : [],
  });
  const [fastEnd, easedEnd] = [CLEAN + HOUR, CLEAN + HOUR + EASED];
  const tests: UnitTest[] = [
    {
      ...scenario(
        `pages on a ${fast}x burn for an hour after two clean days, and keeps that page as the burn eases to ${eased}x`,
        [
          { minutes: CLEAN, totalPerMinute: PER_MINUTE, errorsPerMinute: 0 },
          { minutes: HOUR, totalPerMinute: PER_MINUTE, errorsPerMinute: errors(fast) },
          { minutes: EASED, totalPerMinute: PER_MINUTE, errorsPerMinute: errors(eased) },
        ],
      ),
      // The same labels from either pair: one alert that keeps firing, not one resolving
      // while another fires.
      alert_rule_test: [
        { eval_time: at(CLEAN), alertname, exp_alerts: [] },
        { eval_time: at(fastEnd), alertname, exp_alerts: [fired("page", ratio(fast))] },
        { eval_time: at(easedEnd), alertname, exp_alerts: [fired("page", ratio(eased))] },
      ],
      promql_expr_test: [
        burns(quickPair, fastEnd, true),
        burns(slowPair, fastEnd, false),
        burns(quickPair, easedEnd, false),
        burns(slowPair, easedEnd, true),
      ],
    },
    {
      ...scenario(`opens a ticket on a ${slow}x burn for a day`, [
        { minutes: DAY, totalPerMinute: PER_MINUTE, errorsPerMinute: errors(slow) },
      ]),
      alert_rule_test: [
        { eval_time: at(DAY), alertname, exp_alerts: [fired("ticket", ratio(slow))] },
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
