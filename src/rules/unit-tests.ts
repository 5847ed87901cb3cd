import { formatDuration } from "../config/duration.ts";
import type { AlertExample, BuiltAlert } from "./alert-spec.ts";
import { sortedLabels } from "./promql.ts";
import type { RecordingExample } from "./recording.ts";
import { RECORDING_EVAL_MS } from "./recording.ts";
import { renderTemplate } from "./template.ts";
import type { AlertingRule, AlertRuleTest, ExpectedAlert, TestFile, UnitTest } from "./types.ts";

const MINUTE = 60_000;

// promtool unit tests of the KPI alerts and recording rules, made from each rule's own
// examples: every alert is shown firing, and not firing.

function alertTest(rule: AlertingRule, example: AlertExample): UnitTest {
  const expected: ExpectedAlert[] = example.fires.map(({ labels, value }) => ({
    exp_labels: sortedLabels({ ...labels, ...rule.labels }),
    exp_annotations: {
      summary: renderTemplate(rule.annotations.summary, labels, value),
      description: renderTemplate(rule.annotations.description, labels, value),
      runbook_url: rule.annotations.runbook_url,
    },
  }));
  const checks: AlertRuleTest[] = [];
  if (example.quietAtMs !== undefined)
    checks.push({
      eval_time: formatDuration(example.quietAtMs),
      alertname: rule.alert,
      exp_alerts: [],
    });
  checks.push({
    eval_time: formatDuration(example.evalTimeMs),
    alertname: rule.alert,
    exp_alerts: expected,
  });
  return {
    name: `${rule.alert}: ${example.title}`,
    interval: example.interval,
    input_series: example.series,
    alert_rule_test: checks,
  };
}

/** One file per evaluation step: kpi-alerts.test.yml at 1m, kpi-alerts-30m.test.yml… */
export function kpiAlertTestFiles(alerts: BuiltAlert[], rulesPath: string): TestFile[] {
  const byStep = new Map<number, UnitTest[]>();
  for (const { rule, examples } of alerts)
    for (const example of examples) {
      const step = example.evaluationIntervalMs ?? MINUTE;
      byStep.set(step, [...(byStep.get(step) ?? []), alertTest(rule, example)]);
    }
  return [...byStep.entries()]
    .sort(([a], [b]) => a - b)
    .map(([step, tests]) => ({
      path: `tests/kpi-alerts${step === MINUTE ? "" : `-${formatDuration(step)}`}.test.yml`,
      rule_files: [`../${rulesPath}`],
      evaluation_interval: formatDuration(step),
      tests,
    }));
}

export function recordingTestFile(examples: RecordingExample[], rulesPath: string): TestFile {
  return {
    path: "tests/kpi-recording.test.yml",
    rule_files: [`../${rulesPath}`],
    evaluation_interval: "1m",
    tests: examples.map(({ rule, series, expected }) => ({
      name: rule.record,
      interval: "1m",
      input_series: series,
      promql_expr_test: [
        { expr: rule.record, eval_time: formatDuration(RECORDING_EVAL_MS), exp_samples: expected },
      ],
    })),
  };
}
