// The KPI and exporter-health alerts kpi-exporter generates. The config refers to them
// by these names (alerting.overrides), and a derived runbook URL ends with them.

export const KPI_ALERT_NAMES = [
  "KpiComplianceCoverageBelowTarget",
  "KpiCriticalVulnerabilitiesOverdue",
  "KpiChangeFailureRatioHigh",
  "KpiCostPerChangeRegressed",
  "KpiExporterCollectorDown",
  "KpiExporterCollectorStale",
  "KpiExporterSnapshotStale",
  "KpiExporterAbsent",
] as const;

export type KpiAlertName = (typeof KPI_ALERT_NAMES)[number];

export const SEVERITIES = ["page", "ticket"] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Where a KPI alert looks: organisation (no team label), each team, or each service. */
export const SCOPES = ["organisation", "team", "service"] as const;
export type Scope = (typeof SCOPES)[number];

const pascal = (text: string) =>
  text
    .split(/[-_]/)
    .filter(Boolean)
    .map((part) => part[0]?.toUpperCase() + part.slice(1))
    .join("");

/** An SLO's alert: alert_name, else e.g. checkout + availability → CheckoutAvailabilitySLO. */
export function sloAlertName(slo: { service: string; name: string; alert_name?: string }): string {
  if (slo.alert_name !== undefined) return slo.alert_name;
  const name = `${pascal(slo.service)}${pascal(slo.name)}SLO`;
  return /^[A-Za-z]/.test(name) ? name : `Slo${name}`;
}
