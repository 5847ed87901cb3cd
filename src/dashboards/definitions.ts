import { KPI, type KpiDef } from "../vocabulary/kpi-catalogue.ts";

// Panel descriptions: each KPI's definition from its catalogue row, with what the panel adds
// (how it is coloured, what it ignores), so a reader of the dashboard need not look it up.

const LEVEL_COLOURS = "Coloured by DORA performance level (dark green elite … red low).";

/** The row's definition, then the level colouring when a DORA level grades it. */
const graded = (row: KpiDef) => `${row.definition} ${LEVEL_COLOURS}`;

export const DEFINITION = {
  deploymentFrequency: graded(KPI.deploymentFrequency),
  leadTime: graded(KPI.leadTime),
  incidents: KPI.incidents.definition,
  incidentsOpen: KPI.incidentsOpen.definition,
  changeFailure: graded(KPI.changeFailureRatio),
  recoveryTime: graded(KPI.recoveryTime),
  reworkRatio: KPI.reworkRatio.definition,
  performanceLevel: KPI.performanceLevel.definition,
  changesDeployed: KPI.changesDeployed.definition,
  featureToMarket: KPI.featureToMarket.definition,
  cost: KPI.cost.definition,
  costTotal:
    "Cloud plus CI cost whose charge period starts in the window, in the reporting currency.",
  costPerChange: KPI.costPerChange.definition,
  costPerDeployment: KPI.costPerDeployment.definition,
  costAttribution: `${KPI.costAttributionRatio.definition} Organisation scope only: it ignores the team and service selection.`,
  complianceCoverage: `${KPI.complianceCoverage.definition} Target 100 %: amber from 95 %, red below.`,
  controlPass: `${KPI.controlPassRatio.definition} Target 100 %.`,
  controlNotEvaluable: KPI.controlNotEvaluableRatio.definition,
  controlCost: KPI.controlCost.definition,
  remediation:
    "Remediation time (fixedAt − openedAt) of findings of this severity fixed in the window (p50, p90). Red past the severity's SLA.",
  remediationTrend:
    "p90 remediation time (fixedAt − openedAt) of findings fixed in the window, per severity.",
  open: KPI.vulnerabilitiesOpen.definition,
  overdue: KPI.vulnerabilitiesOverdue.definition,
  revenue: KPI.revenueImpact.definition,
  revenuePerChange: KPI.revenuePerChange.definition,
} as const;
