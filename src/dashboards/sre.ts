import { LABEL } from "../vocabulary/conventions.ts";
import { KPI } from "../vocabulary/kpi-catalogue.ts";
import { type DashboardSpec, finish, kpiDashboard, row } from "./common.ts";
import { DEFINITION } from "./definitions.ts";
import { collectorPanels } from "./exporter.ts";
import { kpiSpec } from "./kpi-panels.ts";
import type { DashboardOptions } from "./options.ts";
import { type Query, statPanel, trendPanel, UNIT } from "./panels.ts";
import { ALERTS, perScope, SLO_LEGEND, SLOTH, scoped, selector, slo, VAR } from "./queries.ts";
import { tablePanel } from "./tables.ts";
import { COLOUR, limitSteps, type Steps } from "./thresholds.ts";

// SRE: error budgets and burn rates of the SLOs (Sloth-convention recording rules), how
// deployments fail and recover, whether the exporter's collectors run, what is firing.

const META = {
  uid: "kpi-sre",
  folder: "SRE",
  title: "KPI · SRE · SLOs and reliability",
  source: "sre.ts",
  summary: "SLO error budgets and burn rates, recovery time, change failure, collectors, alerts.",
  tags: ["sre", "slo"],
  scopeVariables: true,
};

const SLO_SCOPE = "Filtered by the service variable (SLO rules carry the service, not the team).";

// Red once the period's budget is spent, amber in its last quarter.
const BUDGET_STEPS: Steps = [
  { value: null, color: COLOUR.low },
  { value: 0, color: COLOUR.warn },
  { value: 0.25, color: COLOUR.high },
];

// KPI alerts carry team and service labels, SLO alerts Sloth's sloth_service instead.
const FIRING = `alertstate="firing"`;
const firing = [
  selector(ALERTS, [
    FIRING,
    `${LABEL.team}=~"$${VAR.team}"`,
    `${LABEL.service}=~"$${VAR.service}"`,
  ]),
  selector(ALERTS, [
    FIRING,
    `${SLOTH.serviceLabel}=~"$${VAR.service}"`,
    `${SLOTH.serviceLabel}!=""`,
  ]),
].join(" or ");
const ALERT_DESCRIPTION =
  "Alerts firing now (Prometheus' ALERTS series) from the KPI and SLO rules. With a selection: KPI alerts of the selected teams and services, SLO alerts of the selected services.";

export function sreDashboard(o: DashboardOptions): DashboardSpec {
  const budget: Query[] = [{ expr: slo(SLOTH.budgetRemaining), legend: SLO_LEGEND }];
  const d = kpiDashboard(META, o)
    .withRow(row("SLOs"))
    .withPanel(
      statPanel({
        title: "Error budget remaining",
        description: `Share of the SLO period's error budget still unspent (${SLOTH.budgetRemaining}); below 0 the objective is missed for the period. ${SLO_SCOPE}`,
        unit: UNIT.ratio,
        queries: budget,
        steps: BUDGET_STEPS,
        height: 8,
      }),
    )
    .withPanel(
      statPanel({
        title: "Current burn rate",
        description: `Error rate ÷ the rate the SLO allows (${SLOTH.currentBurnRate}); 1 spends exactly the budget over the period. Amber from 1, red from 6 (the slow page rate). ${SLO_SCOPE}`,
        unit: UNIT.burnRate,
        queries: [{ expr: slo(SLOTH.currentBurnRate), legend: SLO_LEGEND }],
        steps: limitSteps(1, 6),
        height: 8,
      }),
    )
    .withPanel(
      trendPanel({
        title: "Error budget remaining over time",
        description: `Share of the SLO period's error budget still unspent. ${SLO_SCOPE}`,
        unit: UNIT.ratio,
        queries: budget,
        steps: BUDGET_STEPS,
        showSteps: true,
      }),
    )
    .withPanel(
      trendPanel({
        title: "SLI error ratio",
        description: `Failed ÷ all events of each SLO over the last 5 minutes and the last hour (${SLOTH.errorRatio5m}, ${SLOTH.errorRatio1h}). ${SLO_SCOPE}`,
        unit: UNIT.ratio,
        queries: [
          { expr: slo(SLOTH.errorRatio5m), legend: `5m ${SLO_LEGEND}` },
          { expr: slo(SLOTH.errorRatio1h), legend: `1h ${SLO_LEGEND}` },
        ],
        width: 24,
      }),
    )
    .withRow(row("Incidents"))
    .withPanel(
      statPanel({
        title: "Incidents open",
        description: DEFINITION.incidentsOpen,
        unit: UNIT.count,
        queries: [{ expr: scoped(KPI.incidentsOpen), legend: "open" }],
        steps: limitSteps(undefined, 1),
        height: 8,
      }),
    )
    .withPanel(
      statPanel({
        title: "Incidents started",
        description: DEFINITION.incidents,
        unit: UNIT.count,
        queries: [{ expr: scoped(KPI.incidents), legend: "started" }],
        height: 8,
      }),
    )
    .withPanel(
      tablePanel({
        title: "Incidents per service",
        description: `${DEFINITION.incidents} Open: ${DEFINITION.incidentsOpen}`,
        unit: UNIT.count,
        keys: [LABEL.team, LABEL.service],
        columns: [
          { name: "Started", expr: perScope(KPI.incidents, "service"), unit: UNIT.count },
          {
            name: "Open",
            expr: `max by (${LABEL.team}, ${LABEL.service}) (${selector(KPI.incidentsOpen.name, [`${LABEL.team}=~"$${VAR.team}"`, `${LABEL.service}=~"$${VAR.service}"`, `${LABEL.service}!=""`])})`,
            unit: UNIT.count,
          },
        ],
        width: 12,
        height: 8,
      }),
    )
    .withRow(row("Deployments failing and recovering"))
    .withPanel(statPanel({ ...kpiSpec.changeFailure(o), height: 8 }))
    .withPanel(statPanel({ ...kpiSpec.recoveryTime(o), height: 8 }))
    .withPanel(trendPanel({ ...kpiSpec.recoveryTime(o), showSteps: true }))
    .withPanel(trendPanel({ ...kpiSpec.changeFailure(o), showSteps: true }))
    .withPanel(trendPanel(kpiSpec.reworkRatio()))
    .withRow(row("Exporter collectors"));
  for (const panel of collectorPanels()) d.withPanel(panel);
  d.withRow(row("Alerts"))
    .withPanel(
      statPanel({
        title: "Alerts firing",
        description: ALERT_DESCRIPTION,
        unit: UNIT.count,
        queries: [{ expr: `count(${firing}) or vector(0)`, legend: "firing" }],
        steps: limitSteps(undefined, 1),
        height: 8,
      }),
    )
    .withPanel(
      tablePanel({
        title: "Firing alerts",
        description: ALERT_DESCRIPTION,
        unit: UNIT.count,
        keys: ["alertname", "severity", LABEL.team, LABEL.service, SLOTH.serviceLabel],
        columns: [
          {
            name: "Firing",
            expr: `count by (alertname, severity, ${LABEL.team}, ${LABEL.service}, ${SLOTH.serviceLabel}, ${SLOTH.sloLabel}) (${firing})`,
            unit: UNIT.count,
          },
        ],
        width: 18,
        height: 8,
      }),
    );
  return finish(META, d);
}
