import { describe, expect, it } from "vitest";
import { dashboardQueries } from "../../src/dashboards/index.ts";
import { SELF } from "../../src/vocabulary/conventions.ts";
import { KPI } from "../../src/vocabulary/kpi-catalogue.ts";
import { metricNames, parsePromQL, substituteVariables } from "../support/promql.ts";

// Every query of every dashboard, with its variables replaced as Grafana would replace
// them, is valid PromQL and selects only metrics that exist.

const queries = dashboardQueries();

// Series that exist without being in the contract: the Sloth-convention SLO rules (the
// recording and meta rules Sloth names) and Prometheus' own.
const SLOTH_RULES = [
  ...["5m", "30m", "1h", "2h", "6h", "1d", "3d", "30d"].map((w) => `slo:sli_error:ratio_rate${w}`),
  "slo:objective:ratio",
  "slo:error_budget:ratio",
  "slo:time_period:days",
  "slo:current_burn_rate:ratio",
  "slo:period_burn_rate:ratio",
  "slo:period_error_budget_remaining:ratio",
  "sloth_slo_info",
];
const KNOWN = new Set([
  ...Object.values(KPI).map((m) => m.name),
  ...Object.values(SELF).map((m) => m.name),
  ...SLOTH_RULES,
  "ALERTS",
  "up",
]);

describe("dashboard queries", () => {
  it("cover every dashboard, panel queries and variable queries alike", () => {
    const uids = new Set(queries.map((q) => q.uid));
    expect(uids.size).toBe(7);
    expect(queries.filter((q) => q.panel.startsWith("variable ")).length).toBe(12);
    expect(queries.length).toBeGreaterThan(100);
  });

  it("parse as PromQL once Grafana's variables are substituted", () => {
    const failures = queries.flatMap((q) => {
      const expr = substituteVariables(q.expr);
      const parsed = parsePromQL(expr);
      const leftover = /\$\w/.test(expr) ? "unsubstituted variable" : undefined;
      const error = parsed.error ?? leftover;
      return error ? [`${q.uid} / ${q.panel}: ${error}\n    ${expr}`] : [];
    });
    expect(failures, failures.join("\n")).toEqual([]);
  });

  it("reference only contract metrics, Sloth rules and Prometheus' own series", () => {
    const unknown = queries.flatMap((q) =>
      metricNames(substituteVariables(q.expr))
        .filter((name) => !KNOWN.has(name))
        .map((name) => `${q.uid} / ${q.panel}: unknown metric ${name}`),
    );
    expect(unknown, unknown.join("\n")).toEqual([]);
  });

  it("use every contract KPI somewhere", () => {
    const used = new Set(queries.flatMap((q) => metricNames(substituteVariables(q.expr))));
    const unused = Object.values(KPI)
      .map((m) => m.name)
      .filter((name) => !used.has(name));
    expect(unused).toEqual([]);
  });
});

describe("the PromQL helpers themselves", () => {
  it("report a syntax error with its place", () => {
    const result = parsePromQL('rate(kpi_cost{window="30d"[5m])');
    expect(result.ok).toBe(false);
    expect(result.error).toMatch(/offset \d+/);
    expect(parsePromQL("sum by (team) (kpi_cost)")).toEqual({ ok: true });
  });

  it("find metric names in selectors, not in functions or labels", () => {
    expect(
      metricNames('time() - max by (team) (kpi_x{a="b"}) or {__name__="y"} or vector(0)'),
    ).toEqual(["kpi_x", "y"]);
  });

  it("substitute variables written bare and in braces", () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: Grafana's variable syntax
    const expr = 'x{window="$window",team=~"${team}"}[$__rate_interval]';
    expect(substituteVariables(expr)).toBe('x{window="30d",team=~".*"}[5m]');
  });
});
