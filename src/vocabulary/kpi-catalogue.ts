import { LABEL, type LEVEL_METRICS, type MetricDef } from "./conventions.ts";

// One row per KPI of the contract: what Prometheus is told (name, type, help, labels) and
// what a reader is told (title, unit, which direction is better, the DORA level grading it,
// a definition in a sentence or two). The exposition's HELP, the dashboards' titles, units,
// colouring and descriptions, and the reports' labels, units and tones are derived from a
// row; METRICS.md's KPI table, which carries each formula, is checked against the rows
// (test/vocabulary/kpi-catalogue.test.ts). Adding a KPI: one row here, then its engine module.

/** How a value reads: "level" is a DORA performance level, 0 low … 3 elite. */
export type ValueUnit = "seconds" | "ratio" | "per_day" | "currency" | "count" | "level";

/** Which way a change is good news; "neutral" for totals with no target (cost). */
export type Better = "up" | "down" | "neutral";

export type LevelMetric = (typeof LEVEL_METRICS)[number];

export interface KpiDef extends MetricDef {
  /** What dashboards and reports call it, in sentence case. */
  title: string;
  unit: ValueUnit;
  better: Better;
  /** The `metric` label of dora_performance_level that grades it. */
  level?: LevelMetric;
  /** The definition a reader sees beside the number (METRICS.md holds the formula). */
  definition: string;
}

const SCOPE = [LABEL.team, LABEL.service] as const;
const WINDOWED = [LABEL.window, ...SCOPE] as const;

const kpi = (row: KpiDef): KpiDef => row;

export const KPI = {
  deploymentsTotal: kpi({
    name: "dora_deployments_total",
    type: "counter",
    help: "Deployments that finished by asOf, per production or exported environment; every other environment counts as other.",
    labels: [...SCOPE, LABEL.environment],
    title: "Deployments",
    unit: "count",
    better: "neutral",
    definition:
      "Successful deployments that finished by the evaluation instant, per production or exported environment; every other environment counts as other.",
  }),
  deploymentFrequency: kpi({
    name: "dora_deployment_frequency_per_day",
    type: "gauge",
    help: "Production deployments in the window divided by days in the window.",
    labels: WINDOWED,
    title: "Deployment frequency",
    unit: "per_day",
    better: "up",
    level: "deployment_frequency",
    definition: "Production deployments finished in the window ÷ days in the window.",
  }),
  leadTime: kpi({
    name: "dora_change_lead_time_seconds",
    type: "gauge",
    help: "Change lead time (deployedAt - firstCommitAt) of changes deployed in the window.",
    labels: [...WINDOWED, LABEL.quantile],
    title: "Change lead time",
    unit: "seconds",
    better: "down",
    level: "lead_time",
    definition:
      "Change lead time: deployedAt − first commit of each change deployed to production in the window (p50, p90).",
  }),
  changesDeployed: kpi({
    name: "dora_changes_deployed",
    type: "gauge",
    help: "Changes deployed to production in the window.",
    labels: WINDOWED,
    title: "Changes deployed",
    unit: "count",
    better: "up",
    definition:
      "Changes (merged pull requests, or direct pushes to the deploy branch) deployed to production in the window.",
  }),
  changeFailureRatio: kpi({
    name: "dora_change_failure_ratio",
    type: "gauge",
    help: "Failed production deployments divided by all production deployments in the window.",
    labels: WINDOWED,
    title: "Change failure ratio",
    unit: "ratio",
    better: "down",
    level: "change_failure",
    definition:
      "Failed ÷ all production deployments finished in the window; a deployment failed when an incident is linked to it or it was rolled back.",
  }),
  recoveryTime: kpi({
    name: "dora_failed_deployment_recovery_time_seconds",
    type: "gauge",
    help: "Failed deployment recovery time, samples recovered in the window.",
    labels: [...WINDOWED, LABEL.quantile],
    title: "Failed deployment recovery time",
    unit: "seconds",
    better: "down",
    level: "recovery_time",
    definition:
      "Failed deployment recovery time: recovery instant (last linked incident resolved, or the rollback finished) − the failed deployment's finish, for failures recovered in the window (p50, p90).",
  }),
  reworkRatio: kpi({
    name: "dora_deployment_rework_ratio",
    type: "gauge",
    help: "Rework deployments divided by all production deployments in the window.",
    labels: WINDOWED,
    title: "Deployment rework ratio",
    unit: "ratio",
    better: "down",
    definition:
      "Rework ÷ all production deployments in the window; rework is a rollback or a deployment shipping a revert, an incident-linked change or one labelled hotfix/revert/incident.",
  }),
  performanceLevel: kpi({
    name: "dora_performance_level",
    type: "gauge",
    help: "DORA performance level: 3 elite, 2 high, 1 medium, 0 low.",
    labels: [...WINDOWED, LABEL.metric],
    title: "DORA performance level",
    unit: "level",
    better: "up",
    definition:
      "DORA performance level per metric in the window: 3 Elite, 2 High, 1 Medium, 0 Low, graded from p50 lead time, deployment frequency, change failure ratio and p50 recovery time.",
  }),
  featureToMarket: kpi({
    name: "kpi_feature_to_market_latency_seconds",
    type: "gauge",
    help: "Feature-to-market latency of feature changes deployed in the window.",
    labels: [...WINDOWED, LABEL.quantile],
    title: "Feature-to-market latency",
    unit: "seconds",
    better: "down",
    definition:
      "Feature-to-market latency: deployedAt − the earliest of the linked work items' creation and the first commit, for feature changes deployed in the window (p50, p90).",
  }),
  cost: kpi({
    name: "kpi_cost",
    type: "gauge",
    help: "Cost in the window, in the reporting currency.",
    labels: [...WINDOWED, LABEL.currency, LABEL.category],
    title: "Cost",
    unit: "currency",
    better: "neutral",
    definition:
      "Cloud (FOCUS EffectiveCost) and CI cost whose charge period starts in the window, by category (cloud, ci), in the reporting currency.",
  }),
  costAttributionRatio: kpi({
    name: "kpi_cost_attribution_ratio",
    type: "gauge",
    help: "Cost attributed to a service divided by all cost in the window.",
    labels: [LABEL.window],
    title: "Cost attribution ratio",
    unit: "ratio",
    better: "up",
    definition: "Cost attributed to a catalogue service ÷ all cost in the window.",
  }),
  costPerDeployment: kpi({
    name: "kpi_cost_per_deployment",
    type: "gauge",
    help: "Cloud and CI cost divided by production deployments in the window.",
    labels: [...WINDOWED, LABEL.currency],
    title: "Cost per deployment",
    unit: "currency",
    better: "down",
    definition: "(Cloud + CI cost) ÷ production deployments finished in the window.",
  }),
  costPerChange: kpi({
    name: "kpi_cost_per_change",
    type: "gauge",
    help: "Cloud and CI cost divided by changes deployed in the window.",
    labels: [...WINDOWED, LABEL.currency],
    title: "Cost per change",
    unit: "currency",
    better: "down",
    definition: "(Cloud + CI cost) ÷ changes deployed to production in the window.",
  }),
  complianceCoverage: kpi({
    name: "kpi_compliance_coverage_ratio",
    type: "gauge",
    help: "Compliant production deployments divided by all production deployments in the window.",
    labels: WINDOWED,
    title: "Compliance coverage",
    unit: "ratio",
    better: "up",
    definition:
      "Compliant ÷ all production deployments in the window; compliant when every enabled mandatory control passed.",
  }),
  controlPassRatio: kpi({
    name: "kpi_compliance_control_pass_ratio",
    type: "gauge",
    help: "Production deployments passing the control divided by all, in the window.",
    labels: [...WINDOWED, LABEL.control],
    title: "Control pass ratio",
    unit: "ratio",
    better: "up",
    definition:
      "Production deployments passing the control ÷ deployments it applies to, in the window, per control (required_checks, change_approval, deployment_approval, linked_ticket).",
  }),
  controlNotEvaluableRatio: kpi({
    name: "kpi_compliance_control_not_evaluable_ratio",
    type: "gauge",
    help: "Production deployments the control could not judge for missing evidence divided by those it judged, in the window.",
    labels: [...WINDOWED, LABEL.control],
    title: "Control not evaluable ratio",
    unit: "ratio",
    better: "down",
    definition:
      "Production deployments a control could not judge for missing evidence (such as an unknown change set or an unknown author) ÷ deployments it judged, in the window, per control. Not evaluable is no pass: these deployments also lower the pass ratio and coverage, so this tells missing evidence from failed controls.",
  }),
  controlCost: kpi({
    name: "kpi_control_cost",
    type: "gauge",
    help: "CI cost of the jobs that implement a control, in the window.",
    labels: [...WINDOWED, LABEL.currency, LABEL.control],
    title: "Control cost",
    unit: "currency",
    better: "neutral",
    definition:
      "CI cost of the jobs that implement each compliance control, in the window, in the reporting currency.",
  }),
  remediationTime: kpi({
    name: "kpi_vulnerability_remediation_time_seconds",
    type: "gauge",
    help: "Remediation time of vulnerabilities fixed in the window.",
    labels: [...WINDOWED, LABEL.severity, LABEL.quantile],
    title: "Remediation time",
    unit: "seconds",
    better: "down",
    definition:
      "Remediation time (fixedAt − openedAt) of findings fixed in the window, per severity (p50, p90).",
  }),
  incidents: kpi({
    name: "kpi_incidents",
    type: "gauge",
    help: "Incidents that started in the window, whatever caused them.",
    labels: WINDOWED,
    title: "Incidents",
    unit: "count",
    better: "down",
    definition:
      "Incidents that started in the window, from every incident source, whether or not a deployment caused them; 0 for a service with none.",
  }),
  incidentsOpen: kpi({
    name: "kpi_incidents_open",
    type: "gauge",
    help: "Incidents started and not resolved at asOf.",
    labels: SCOPE,
    title: "Open incidents",
    unit: "count",
    better: "down",
    definition:
      "Incidents started and not resolved at the snapshot's evaluation instant (no window).",
  }),
  vulnerabilitiesOpen: kpi({
    name: "kpi_vulnerabilities_open",
    type: "gauge",
    help: "Vulnerabilities open at asOf.",
    labels: [...SCOPE, LABEL.severity],
    title: "Open findings",
    unit: "count",
    better: "down",
    definition:
      "Findings open at the snapshot instant (opened, neither fixed nor dismissed), per severity.",
  }),
  vulnerabilitiesOverdue: kpi({
    name: "kpi_vulnerabilities_overdue",
    type: "gauge",
    help: "Vulnerabilities open past their severity's SLA at asOf.",
    labels: [...SCOPE, LABEL.severity],
    title: "Overdue findings",
    unit: "count",
    better: "down",
    definition:
      "Open findings older than their severity's SLA at the snapshot instant, per severity.",
  }),
  revenueImpact: kpi({
    name: "kpi_revenue_impact",
    type: "gauge",
    help: "Revenue impact of changes deployed in the window, from experiment results.",
    labels: [...WINDOWED, LABEL.currency, LABEL.bound],
    title: "Revenue impact",
    unit: "currency",
    better: "up",
    definition:
      "Revenue impact of changes deployed in the window, from linked A/B results: estimate = (treatment − control mean) × treatment units; low and high from the confidence interval of the difference.",
  }),
  revenuePerChange: kpi({
    name: "kpi_revenue_impact_per_change",
    type: "gauge",
    help: "Revenue impact estimate divided by changes with an experiment result, in the window.",
    labels: [...WINDOWED, LABEL.currency],
    title: "Revenue impact per change",
    unit: "currency",
    better: "up",
    definition:
      "Revenue impact estimate ÷ changes with an experiment result, deployed in the window.",
  }),
} as const satisfies Record<string, KpiDef>;

/** The row of a metric name (undefined for names outside the contract's KPIs). */
export function kpiByName(name: string): KpiDef | undefined {
  return BY_NAME.get(name);
}

const BY_NAME = new Map<string, KpiDef>(Object.values(KPI).map((row) => [row.name, row]));
