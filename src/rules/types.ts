// The shapes Prometheus reads: rule files (rule groups) and promtool unit-test files.
// Field names are Prometheus's own, so objects serialize to YAML as they are.

export interface RecordingRule {
  record: string;
  expr: string;
  labels?: Record<string, string>;
}

export interface Annotations {
  summary: string;
  description: string;
  runbook_url: string;
}

export interface AlertingRule {
  alert: string;
  expr: string;
  for?: string;
  labels: Record<string, string>;
  annotations: Annotations;
}

export type Rule = RecordingRule | AlertingRule;

export interface RuleGroup {
  name: string;
  rules: Rule[];
}

/** One rule file; path is relative to the output directory (alerts/). */
export interface RuleFile {
  path: string;
  groups: RuleGroup[];
}

export interface InputSeries {
  series: string;
  values: string;
}

export interface ExpectedAlert {
  exp_labels: Record<string, string>;
  exp_annotations: Record<string, string>;
}

export interface AlertRuleTest {
  eval_time: string;
  alertname: string;
  exp_alerts: ExpectedAlert[];
}

export interface PromqlExprTest {
  expr: string;
  eval_time: string;
  exp_samples: Array<{ labels: string; value: number }>;
}

export interface UnitTest {
  name: string;
  interval: string;
  input_series: InputSeries[];
  alert_rule_test?: AlertRuleTest[];
  promql_expr_test?: PromqlExprTest[];
}

/** A promtool test file; rule_files are relative to the test file's own directory. */
export interface TestFile {
  path: string;
  rule_files: string[];
  evaluation_interval: string;
  tests: UnitTest[];
}

export const isAlertingRule = (rule: Rule): rule is AlertingRule => "alert" in rule;
