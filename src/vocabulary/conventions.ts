// Every metric and label name of the public contract, in one place. Dashboards,
// rules, reports and the engine refer to these constants, never to string literals.

export const LABEL = {
  team: "team",
  service: "service",
  window: "window",
  quantile: "quantile",
  severity: "severity",
  currency: "currency",
  category: "category",
  control: "control",
  bound: "bound",
  metric: "metric",
  environment: "environment",
  collector: "collector",
  outcome: "outcome",
  kind: "kind",
  reason: "reason",
  version: "version",
  route: "route",
  code: "code",
} as const;

export type MetricType = "gauge" | "counter";

export interface MetricDef {
  name: string;
  type: MetricType;
  help: string;
  /** Every label the metric may carry; scope labels are omitted at organisation scope. */
  labels: readonly string[];
}

const SCOPE = [LABEL.team, LABEL.service] as const;
const WINDOWED = [LABEL.window, ...SCOPE] as const;

function def(name: string, type: MetricType, help: string, labels: readonly string[]): MetricDef {
  return { name, type, help, labels };
}

export const KPI = {
  deploymentsTotal: def(
    "dora_deployments_total",
    "counter",
    "Deployments that finished by asOf, per production or exported environment; every other environment counts as other.",
    [...SCOPE, LABEL.environment],
  ),
  deploymentFrequency: def(
    "dora_deployment_frequency_per_day",
    "gauge",
    "Production deployments in the window divided by days in the window.",
    WINDOWED,
  ),
  leadTime: def(
    "dora_change_lead_time_seconds",
    "gauge",
    "Change lead time (deployedAt - firstCommitAt) of changes deployed in the window.",
    [...WINDOWED, LABEL.quantile],
  ),
  changesDeployed: def(
    "dora_changes_deployed",
    "gauge",
    "Changes deployed to production in the window.",
    WINDOWED,
  ),
  changeFailureRatio: def(
    "dora_change_failure_ratio",
    "gauge",
    "Failed production deployments divided by all production deployments in the window.",
    WINDOWED,
  ),
  recoveryTime: def(
    "dora_failed_deployment_recovery_time_seconds",
    "gauge",
    "Failed deployment recovery time, samples recovered in the window.",
    [...WINDOWED, LABEL.quantile],
  ),
  reworkRatio: def(
    "dora_deployment_rework_ratio",
    "gauge",
    "Rework deployments divided by all production deployments in the window.",
    WINDOWED,
  ),
  performanceLevel: def(
    "dora_performance_level",
    "gauge",
    "DORA performance level: 3 elite, 2 high, 1 medium, 0 low.",
    [...WINDOWED, LABEL.metric],
  ),
  featureToMarket: def(
    "kpi_feature_to_market_latency_seconds",
    "gauge",
    "Feature-to-market latency of feature changes deployed in the window.",
    [...WINDOWED, LABEL.quantile],
  ),
  cost: def("kpi_cost", "gauge", "Cost in the window, in the reporting currency.", [
    ...WINDOWED,
    LABEL.currency,
    LABEL.category,
  ]),
  costAttributionRatio: def(
    "kpi_cost_attribution_ratio",
    "gauge",
    "Cost attributed to a service divided by all cost in the window.",
    [LABEL.window],
  ),
  costPerDeployment: def(
    "kpi_cost_per_deployment",
    "gauge",
    "Cloud and CI cost divided by production deployments in the window.",
    [...WINDOWED, LABEL.currency],
  ),
  costPerChange: def(
    "kpi_cost_per_change",
    "gauge",
    "Cloud and CI cost divided by changes deployed in the window.",
    [...WINDOWED, LABEL.currency],
  ),
  complianceCoverage: def(
    "kpi_compliance_coverage_ratio",
    "gauge",
    "Compliant production deployments divided by all production deployments in the window.",
    WINDOWED,
  ),
  controlPassRatio: def(
    "kpi_compliance_control_pass_ratio",
    "gauge",
    "Production deployments passing the control divided by all, in the window.",
    [...WINDOWED, LABEL.control],
  ),
  controlNotEvaluableRatio: def(
    "kpi_compliance_control_not_evaluable_ratio",
    "gauge",
    "Production deployments the control could not judge for missing evidence divided by those it judged, in the window.",
    [...WINDOWED, LABEL.control],
  ),
  controlCost: def(
    "kpi_control_cost",
    "gauge",
    "CI cost of the jobs that implement a control, in the window.",
    [...WINDOWED, LABEL.currency, LABEL.control],
  ),
  remediationTime: def(
    "kpi_vulnerability_remediation_time_seconds",
    "gauge",
    "Remediation time of vulnerabilities fixed in the window.",
    [...WINDOWED, LABEL.severity, LABEL.quantile],
  ),
  incidents: def(
    "kpi_incidents",
    "gauge",
    "Incidents that started in the window, whatever caused them.",
    WINDOWED,
  ),
  incidentsOpen: def(
    "kpi_incidents_open",
    "gauge",
    "Incidents started and not resolved at asOf.",
    SCOPE,
  ),
  vulnerabilitiesOpen: def("kpi_vulnerabilities_open", "gauge", "Vulnerabilities open at asOf.", [
    ...SCOPE,
    LABEL.severity,
  ]),
  vulnerabilitiesOverdue: def(
    "kpi_vulnerabilities_overdue",
    "gauge",
    "Vulnerabilities open past their severity's SLA at asOf.",
    [...SCOPE, LABEL.severity],
  ),
  revenueImpact: def(
    "kpi_revenue_impact",
    "gauge",
    "Revenue impact of changes deployed in the window, from experiment results.",
    [...WINDOWED, LABEL.currency, LABEL.bound],
  ),
  revenuePerChange: def(
    "kpi_revenue_impact_per_change",
    "gauge",
    "Revenue impact estimate divided by changes with an experiment result, in the window.",
    [...WINDOWED, LABEL.currency],
  ),
} as const satisfies Record<string, MetricDef>;

export const SELF = {
  buildInfo: def("kpi_exporter_build_info", "gauge", "Build information; always 1.", [
    LABEL.version,
  ]),
  collectorUp: def(
    "kpi_exporter_collector_up",
    "gauge",
    "1 when the collector's last run succeeded; 0 when it failed or none has finished yet.",
    [LABEL.collector],
  ),
  collectorLastSuccess: def(
    "kpi_exporter_collector_last_success_timestamp_seconds",
    "gauge",
    "Unix time of the collector's last successful run.",
    [LABEL.collector],
  ),
  collectorDuration: def(
    "kpi_exporter_collector_duration_seconds",
    "gauge",
    "Duration of the collector's last run.",
    [LABEL.collector],
  ),
  collectorRunning: def(
    "kpi_exporter_collector_running",
    "gauge",
    "1 while a run of the collector is in progress, else 0.",
    [LABEL.collector],
  ),
  collectorRunStarted: def(
    "kpi_exporter_collector_run_started_timestamp_seconds",
    "gauge",
    "Unix time the collector's current (or last) run started; with running, time() minus this is the age of a run in progress.",
    [LABEL.collector],
  ),
  apiRequests: def(
    "kpi_exporter_api_requests_total",
    "counter",
    "Calls to external APIs, by outcome.",
    [LABEL.collector, LABEL.outcome],
  ),
  apiRateLimitRemaining: def(
    "kpi_exporter_api_rate_limit_remaining",
    "gauge",
    "API rate limit remaining, as last reported by the API.",
    [LABEL.collector],
  ),
  snapshotTimestamp: def(
    "kpi_exporter_snapshot_timestamp_seconds",
    "gauge",
    "asOf of the KPIs being served.",
    [],
  ),
  records: def("kpi_exporter_records", "gauge", "Items in the store, per kind.", [LABEL.kind]),
  rejectedRecords: def(
    "kpi_exporter_rejected_records_total",
    "counter",
    "Input items refused, by kind and reason code.",
    [LABEL.kind, LABEL.reason],
  ),
  httpRequests: def(
    "kpi_exporter_http_requests_total",
    "counter",
    "Requests the exporter answered, by route and status code.",
    [LABEL.route, LABEL.code],
  ),
  leader: def(
    "kpi_exporter_leader",
    "gauge",
    "1 while this process leads: it runs the collectors and appends the evidence ledger.",
    [],
  ),
  evidenceHeadSequence: def(
    "kpi_exporter_evidence_ledger_head_sequence",
    "gauge",
    "seq of the evidence ledger's head record, after the last successful append.",
    [],
  ),
  evidencePendingRecords: def(
    "kpi_exporter_evidence_ledger_pending_records",
    "gauge",
    "Production deployments whose latest evidence record is not their current facts, after the last append.",
    [],
  ),
  evidenceAppendFailures: def(
    "kpi_exporter_evidence_ledger_append_failures_total",
    "counter",
    "Evidence ledger appends that failed.",
    [],
  ),
} as const satisfies Record<string, MetricDef>;

export const QUANTILES = [0.5, 0.9] as const;
export const CONTROLS = [
  "required_checks",
  "change_approval",
  "deployment_approval",
  "linked_ticket",
] as const;
export type ControlName = (typeof CONTROLS)[number];
export const LEVEL_METRICS = [
  "lead_time",
  "deployment_frequency",
  "change_failure",
  "recovery_time",
] as const;
export const BOUNDS = ["estimate", "low", "high"] as const;
