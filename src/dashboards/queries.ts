import { LABEL, type MetricDef } from "../vocabulary/conventions.ts";

// PromQL as the dashboards write it. Every KPI is exported at three scopes (contract
// §2): organisation (no team, no service), team (team only), service (both). A
// panel must show one scope, never a sum across them, or it would count every item up to
// three times. The variables `team` and `service` use `.*` for All, which also matches an
// absent label, so `scoped` picks, per series signature, the most aggregated scope the
// selection allows:
//   team All, service All      → organisation
//   team X (or several)        → team X (one series per team)
//   service Y (any team)       → service Y
// Each level is tried in turn and `or ignoring(team, service)` keeps a lower level only
// where no higher one exists for the same window, quantile, category, …

const { team, service, window } = LABEL;

export const VAR = {
  datasource: "datasource",
  team,
  service,
  window,
} as const;

const SCOPE_MATCHERS = [`${team}=~"$${VAR.team}"`, `${service}=~"$${VAR.service}"`];
const WINDOW_MATCHER = `${window}="$${VAR.window}"`;

/** Legend suffix naming the scope of a series; empty at organisation scope. */
export const SCOPE_LEGEND = `{{${team}}} {{${service}}}`;

export function selector(metric: string, matchers: readonly string[] = []): string {
  return matchers.length ? `${metric}{${matchers.join(",")}}` : metric;
}

function isWindowed(metric: MetricDef): boolean {
  return metric.labels.includes(window);
}

function hasScopes(metric: MetricDef): boolean {
  return metric.labels.includes(team);
}

/** The KPI at the scope chosen by the team and service variables (see above). */
export function scoped(metric: MetricDef, matchers: readonly string[] = []): string {
  const base = [...(isWindowed(metric) ? [WINDOW_MATCHER] : []), ...matchers];
  if (!hasScopes(metric)) return selector(metric.name, base);
  const levels = [[`${team}=""`], [`${service}=""`], []].map((level) =>
    selector(metric.name, [...base, ...SCOPE_MATCHERS, ...level]),
  );
  return levels.join(` or ignoring(${team}, ${service}) `);
}

/**
 * One row per team (team scope) or per service (service scope) of the selection, for
 * tables. `max by` only drops the window and quantile labels: each group holds one series.
 */
export function perScope(
  metric: MetricDef,
  level: "team" | "service",
  matchers: readonly string[] = [],
): string {
  const scope =
    level === "team"
      ? [`${team}=~"$${VAR.team}"`, `${team}!=""`, `${service}=""`]
      : [...SCOPE_MATCHERS, `${service}!=""`];
  const expr = selector(metric.name, [WINDOW_MATCHER, ...matchers, ...scope]);
  return `max by (${team}, ${service}) (${expr})`;
}

export function eq(label: string, value: string): string {
  return `${label}="${value}"`;
}

export function quantile(q: 0.5 | 0.9): string {
  return eq(LABEL.quantile, String(q));
}

/** Sloth recording rules (engineer B's SLO rules follow its naming conventions). */
export const SLOTH = {
  errorRatio5m: "slo:sli_error:ratio_rate5m",
  errorRatio1h: "slo:sli_error:ratio_rate1h",
  budgetRemaining: "slo:period_error_budget_remaining:ratio",
  currentBurnRate: "slo:current_burn_rate:ratio",
  serviceLabel: "sloth_service",
  sloLabel: "sloth_slo",
} as const;

export const SLO_LEGEND = `{{${SLOTH.serviceLabel}}} / {{${SLOTH.sloLabel}}}`;

/** SLO series of the selected services (SLO rules carry the service, not the team). */
export function slo(metric: string): string {
  return selector(metric, [`${SLOTH.serviceLabel}=~"$${VAR.service}"`]);
}

/** Prometheus' own series for alerts (rule evaluation state). */
export const ALERTS = "ALERTS";
