import { SEVERITIES, type Severity } from "../domain/records.ts";
import { LABEL } from "../vocabulary/conventions.ts";
import { KPI } from "../vocabulary/kpi-catalogue.ts";
import { type DashboardSpec, finish, kpiDashboard, row } from "./common.ts";
import { DEFINITION } from "./definitions.ts";
import { currencyMatcher, kpiSpec } from "./kpi-panels.ts";
import { currencyUnit, type DashboardOptions } from "./options.ts";
import { barPanel, type Query, statPanel, trendPanel, UNIT } from "./panels.ts";
import { eq, quantile, SCOPE_LEGEND, scoped } from "./queries.ts";
import { limitSteps } from "./thresholds.ts";

// CISO: how fast findings are fixed against their SLA, what is open or overdue now, and
// how well (and at what cost) the delivery controls hold.

const META = {
  uid: "kpi-ciso",
  folder: "CISO",
  title: "KPI · CISO · Vulnerabilities and controls",
  source: "ciso.ts",
  summary: "Remediation time by severity, open and overdue findings, control pass ratios and cost.",
  tags: ["ciso", "security", "compliance"],
  scopeVariables: true,
};

const bySeverity = (name: string) => `{{${LABEL.severity}}} ${name} ${SCOPE_LEGEND}`;

function remediationStat(o: DashboardOptions, severity: Severity) {
  const sla = o.slaSeconds[severity];
  const matchers = [eq(LABEL.severity, severity)];
  return statPanel({
    title: `Remediation time · ${severity}`,
    description: `${DEFINITION.remediation} SLA ${sla / 86_400} days.`,
    unit: UNIT.seconds,
    queries: ([0.5, 0.9] as const).map((q) => ({
      expr: scoped(KPI.remediationTime, [...matchers, quantile(q)]),
      legend: `p${q * 100} ${SCOPE_LEGEND}`,
    })),
    steps: limitSteps(undefined, sla),
  });
}

function findings(metric: typeof KPI.vulnerabilitiesOpen, name: string): Query[] {
  return [{ expr: scoped(metric), legend: bySeverity(name) }];
}

export function cisoDashboard(o: DashboardOptions): DashboardSpec {
  const d = kpiDashboard(META, o).withRow(row("Findings now"));
  d.withPanel(
    barPanel({
      title: "Open findings by severity",
      description: DEFINITION.open,
      unit: UNIT.count,
      queries: findings(KPI.vulnerabilitiesOpen, "open"),
      min: 0,
    }),
  ).withPanel(
    barPanel({
      title: "Overdue findings by severity",
      description: `${DEFINITION.overdue} Red from one.`,
      unit: UNIT.count,
      queries: findings(KPI.vulnerabilitiesOverdue, "overdue"),
      steps: limitSteps(undefined, 1),
      min: 0,
    }),
  );
  d.withRow(row("Remediation"));
  for (const severity of SEVERITIES) d.withPanel(remediationStat(o, severity));
  d.withPanel(
    trendPanel({
      title: "Remediation time p90 by severity",
      description: DEFINITION.remediationTrend,
      unit: UNIT.seconds,
      queries: [{ expr: scoped(KPI.remediationTime, [quantile(0.9)]), legend: bySeverity("p90") }],
    }),
  ).withPanel(
    trendPanel({
      title: "Open and overdue findings over time",
      description: `${DEFINITION.open} ${DEFINITION.overdue}`,
      unit: UNIT.count,
      queries: [
        ...findings(KPI.vulnerabilitiesOpen, "open"),
        ...findings(KPI.vulnerabilitiesOverdue, "overdue"),
      ],
    }),
  );
  d.withRow(row("Controls"))
    .withPanel(statPanel({ ...kpiSpec.complianceCoverage(), width: 6, height: 8 }))
    .withPanel(barPanel({ ...kpiSpec.controlPass(), width: 9 }))
    .withPanel(
      barPanel({
        title: "Control cost",
        description: DEFINITION.controlCost,
        unit: currencyUnit(o.currency),
        queries: [
          {
            expr: scoped(KPI.controlCost, [currencyMatcher(o)]),
            legend: `{{${LABEL.control}}} ${SCOPE_LEGEND}`,
          },
        ],
        min: 0,
        width: 9,
      }),
    );
  return finish(META, d);
}
