import { SEVERITIES } from "../../domain/records.ts";
import { CONTROLS } from "../../vocabulary/conventions.ts";
import type { Stakeholder } from "../model.ts";
import {
  controlCost,
  controlPass,
  type KpiSpec,
  openFindings,
  overdueFindings,
  remediation,
  SPEC,
} from "./kpi-specs.ts";

// What each stakeholder's section shows, following the Grafana dashboard of the same
// audience (src/dashboards/): its KPI rows, the KPIs charted month by month, and the
// columns of its team table.

export interface SectionPlan {
  stakeholder: Stakeholder;
  title: string;
  summary: string;
  kpis: KpiSpec[];
  trends: KpiSpec[];
  teamColumns: KpiSpec[];
}

/** Controls enabled anywhere: only those have pass ratios (METRICS.md decision 21). */
export function sectionPlans(enabledControls: readonly string[]): SectionPlan[] {
  const passRatios = enabledControls.map(controlPass);
  const s = SPEC;
  return [
    {
      stakeholder: "COO",
      title: "Cost of delivery",
      summary: "What delivery costs and how much delivery that money buys.",
      kpis: [
        s.costPerChange,
        s.costPerDeployment,
        s.deploymentFrequency,
        s.changesDeployed,
        s.cloudCost,
        s.ciCost,
      ],
      trends: [s.costPerChange, s.deploymentFrequency, s.cloudCost, s.ciCost],
      teamColumns: [
        s.costPerChange,
        s.deploymentFrequency,
        s.changesDeployed,
        s.cloudCost,
        s.ciCost,
      ],
    },
    {
      stakeholder: "CFO",
      title: "Compliance, cost and revenue",
      summary:
        "Whether deployments followed the controls, what cost is attributed, what changes earned.",
      kpis: [
        s.coverage,
        ...passRatios,
        s.attribution,
        s.costPerChange,
        s.costPerDeployment,
        s.revenueEstimate,
        s.revenueLow,
        s.revenueHigh,
        s.revenuePerChange,
      ],
      trends: [s.coverage, s.revenueEstimate, s.costPerChange],
      teamColumns: [s.coverage, s.costPerChange, s.revenueEstimate, s.revenuePerChange],
    },
    {
      stakeholder: "CISO",
      title: "Vulnerabilities and controls",
      summary: "How fast findings are fixed, what is open and overdue, and what controls cost.",
      kpis: [
        ...SEVERITIES.flatMap((sev) => [remediation(sev, "0.5"), remediation(sev, "0.9")]),
        ...SEVERITIES.map(openFindings),
        ...SEVERITIES.map(overdueFindings),
        s.coverage,
        ...passRatios,
        ...CONTROLS.map(controlCost),
      ],
      trends: [
        openFindings("critical"),
        openFindings("high"),
        overdueFindings("critical"),
        overdueFindings("high"),
        remediation("critical", "0.9"),
        remediation("high", "0.9"),
        s.coverage,
      ],
      teamColumns: [
        openFindings("critical"),
        openFindings("high"),
        overdueFindings("critical"),
        overdueFindings("high"),
        remediation("critical", "0.9"),
        s.coverage,
      ],
    },
    {
      stakeholder: "CTO",
      title: "Delivery performance",
      summary: "The DORA metrics with their performance levels, and feature-to-market latency.",
      kpis: [
        s.deploymentFrequency,
        s.leadTimeP50,
        s.leadTimeP90,
        s.changeFailure,
        s.recoveryP50,
        s.recoveryP90,
        s.rework,
        s.changesDeployed,
        s.featureP50,
        s.featureP90,
      ],
      trends: [s.deploymentFrequency, s.leadTimeP50, s.changeFailure, s.recoveryP50, s.featureP50],
      teamColumns: [
        s.deploymentFrequency,
        s.leadTimeP50,
        s.changeFailure,
        s.recoveryP50,
        s.rework,
        s.featureP50,
      ],
    },
  ];
}

/** The headline tiles of the one-page summary. */
export const SUMMARY: readonly KpiSpec[] = [
  SPEC.deploymentFrequency,
  SPEC.leadTimeP50,
  SPEC.changeFailure,
  SPEC.recoveryP50,
  SPEC.coverage,
  SPEC.costPerChange,
  SPEC.revenueEstimate,
  overdueFindings("critical"),
];
