import { DEFINITIONS } from "../reports/definitions/index.ts";

// Each panel's description ends with the METRICS.md formula of every contract KPI its
// queries read, taken from the same checked extract as the report's appendix: the
// dashboards and the report cannot define a KPI differently, and a METRICS.md edit that
// is not regenerated fails the definitions and dashboard drift tests.

interface PanelLike {
  description?: string;
  targets?: Array<{ expr?: string }>;
  panels?: PanelLike[];
}

const FORMULAS = DEFINITIONS.kpis.map(({ metric, formula }) => ({
  metric,
  // A whole metric name: kpi_cost must not match inside kpi_cost_per_change.
  pattern: new RegExp(`(?<![\\w:])${metric}(?![\\w:])`),
  text: `${metric}: ${formula.replaceAll("`", "")}.`,
}));

/** The formula lines of the contract KPIs these queries read, in METRICS.md's order. */
export function formulaLines(exprs: readonly string[]): string[] {
  return FORMULAS.filter((f) => exprs.some((e) => f.pattern.test(e))).map((f) => f.text);
}

export function withFormulas<T>(dashboard: T): T {
  const visit = (panels: PanelLike[] | undefined) => {
    for (const panel of panels ?? []) {
      visit(panel.panels);
      const lines = formulaLines((panel.targets ?? []).map((t) => t.expr ?? ""));
      if (lines.length)
        panel.description = [panel.description ?? "", "METRICS.md:", ...lines].join("\n");
    }
  };
  visit((dashboard as { panels?: PanelLike[] }).panels);
  return dashboard;
}
