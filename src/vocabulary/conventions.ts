// Every label name of the public contract and the exporter's own metrics, in one place
// (the KPIs' rows are in kpi-catalogue.ts). Dashboards, rules, reports and the engine refer
// to these constants, never to string literals.

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

/** The TYPE a family is exposed as: Prometheus reserves the quantile label for summaries. */
export function expositionType(metric: MetricDef): MetricType | "summary" {
  return metric.labels.includes(LABEL.quantile) ? "summary" : metric.type;
}

function def(name: string, type: MetricType, help: string, labels: readonly string[]): MetricDef {
  return { name, type, help, labels };
}

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
