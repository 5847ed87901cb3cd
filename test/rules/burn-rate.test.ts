import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { sloRules } from "../../src/rules/slo.ts";
import type { AlertingRule } from "../../src/rules/types.ts";
import { ALERTS_DIR, configFrom, DEMO_CONFIG, groupsOf } from "./helpers.ts";

// The SLO rules follow Sloth: names, labels, groups, and the multiwindow, multi-burn-rate
// thresholds (burn factor × error budget) for each pair of windows.

const FILE = join(ALERTS_DIR, "slo-kpi-exporter-api-availability.rules.yml");
const ID = "kpi-exporter-api-availability";

/** window → threshold of each `ratio_rate<window>{…} > threshold` in an alert expression. */
function thresholds(expr: string): Record<string, number> {
  const found = [...expr.matchAll(/slo:sli_error:ratio_rate(\w+)\{[^}]*\} > ([\d.e-]+)\)/g)];
  return Object.fromEntries(found.map((m) => [m[1], Number(m[2])]));
}

const alertsOf = (groups: ReturnType<typeof groupsOf>) =>
  groups.flatMap((g) => g.rules).filter((r): r is AlertingRule => "alert" in r);

describe("SLO rules for a 99.9% objective over 30d", () => {
  const groups = groupsOf(FILE);

  it("names groups and records as Sloth does", () => {
    expect(groups.map((g) => g.name)).toEqual([
      `sloth-slo-sli-recordings-${ID}`,
      `sloth-slo-meta-recordings-${ID}`,
      `sloth-slo-alerts-${ID}`,
    ]);
    const records = (i: number) => groups[i]?.rules.map((r) => ("record" in r ? r.record : ""));
    expect(records(0)).toEqual(
      ["5m", "30m", "1h", "2h", "6h", "1d", "3d", "30d"].map((w) => `slo:sli_error:ratio_rate${w}`),
    );
    expect(records(1)).toEqual([
      "slo:objective:ratio",
      "slo:error_budget:ratio",
      "slo:time_period:days",
      "slo:current_burn_rate:ratio",
      "slo:period_burn_rate:ratio",
      "slo:period_error_budget_remaining:ratio",
      "sloth_slo_info",
    ]);
    for (const rule of groups.flatMap((g) => g.rules.filter((r) => "record" in r)))
      expect(rule.labels).toMatchObject({
        sloth_id: ID,
        sloth_service: "kpi-exporter",
        sloth_slo: "api-availability",
      });
    const period = groups[0]?.rules[7];
    expect(period?.expr).toMatch(
      /^sum_over_time\(slo:sli_error:ratio_rate5m\{.*\}\[30d\]\)\n\/ ignoring \(sloth_window\)\ncount_over_time\(/,
    );
    expect(period?.labels?.sloth_window).toBe("30d");
    expect(groups[1]?.rules.slice(0, 3).map((r) => r.expr)).toEqual([
      "vector(0.999)",
      "vector(0.001)",
      "vector(30)",
    ]);
  });

  it("pages at 14.4× and 6× the budget, and tickets at 3× and 1×", () => {
    const [page, ticket] = alertsOf(groups);
    expect(page?.alert).toBe("KpiExporterApiAvailabilitySLO");
    expect(ticket?.alert).toBe(page?.alert);
    expect(page?.labels).toMatchObject({ severity: "page", sloth_severity: "page" });
    expect(ticket?.labels).toMatchObject({ severity: "ticket", sloth_severity: "ticket" });
    expect(thresholds(page?.expr ?? "")).toEqual({
      "5m": 0.0144,
      "1h": 0.0144,
      "30m": 0.006,
      "6h": 0.006,
    });
    expect(thresholds(ticket?.expr ?? "")).toEqual({
      "2h": 0.003,
      "1d": 0.003,
      "6h": 0.001,
      "3d": 0.001,
    });
  });

  it("drops sloth_window from every term, so a burn moving between pairs stays one alert", () => {
    for (const alert of alertsOf(groups)) {
      const terms = alert.expr.match(/slo:sli_error:ratio_rate\w+\{/g) ?? [];
      const dropped = alert.expr.match(
        /max\(slo:sli_error:ratio_rate\w+\{[^}]*\} > [\d.e-]+\) without \(sloth_window\)/g,
      );
      expect(terms).toHaveLength(4);
      expect(dropped, alert.expr).toHaveLength(4);
      expect(alert.expr).not.toContain("ignoring");
      expect(alert.expr).toMatch(/^\(\n {2}max\(.*\n {2}and\n {2}max\(.*\n\)\nor\n\(\n {2}max\(/);
      expect(alert.annotations.description).not.toContain("sloth_window");
    }
  });

  it("scales the factors with the period and the budget with the objective", () => {
    const demo = readFileSync(DEMO_CONFIG, "utf8");
    const slo = configFrom(
      demo.replace("objective: 99.9", "objective: 99.5").replace("period: 30d", "period: 28d"),
    ).slos[0];
    if (!slo) throw new Error("demo.yaml has no SLO");
    const file = sloRules(slo, 0, configFrom(demo).alerting);
    const [page, ticket] = alertsOf(file.groups);
    // 28d: 0.02 × 672h ÷ 1h = 13.44, 0.05 × 672 ÷ 6 = 5.6, 0.1 × 672 ÷ 24 = 2.8, 0.1 × 672 ÷ 72 = 0.9333…
    expect(thresholds(page?.expr ?? "")).toEqual({
      "5m": 0.0672,
      "1h": 0.0672,
      "30m": 0.028,
      "6h": 0.028,
    });
    expect(thresholds(ticket?.expr ?? "")).toEqual({
      "2h": 0.014,
      "1d": 0.014,
      "6h": 0.00466666666667,
      "3d": 0.00466666666667,
    });
    expect(file.groups[0]?.rules.at(-1)).toMatchObject({ record: "slo:sli_error:ratio_rate28d" });
    expect(file.groups[1]?.rules.slice(0, 3).map((r) => r.expr)).toEqual([
      "vector(0.995)",
      "vector(0.005)",
      "vector(28)",
    ]);
  });
});
