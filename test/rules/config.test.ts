import { describe, expect, it } from "vitest";
import { ConfigError, defaultConfig } from "../../src/config/load.ts";
import { buildRuleFiles } from "../../src/rules/index.ts";
import { configFrom } from "./helpers.ts";

// The alerting and slos sections are validated with the rest of the config: every
// problem at once, each with its field path.

function issuesOf(text: string): string[] {
  try {
    configFrom(text);
  } catch (error) {
    if (error instanceof ConfigError) return error.issues.map((i) => `${i.path}: ${i.message}`);
    throw error;
  }
  return [];
}

const SLI = `sli: { error_query: 'sum(rate(e_total[{{.window}}]))', total_query: 'sum(rate(t_total[{{.window}}]))' }`;

describe("alerting and slos config", () => {
  it("defaults every threshold", () => {
    const { alerting, slos } = defaultConfig();
    expect(slos).toEqual([]);
    expect(alerting.runbook_base_url).toBeUndefined();
    expect(alerting.compliance_coverage).toEqual({ target: 1, window: "30d", scope: "team" });
    expect(alerting.critical_vulnerabilities_overdue).toEqual({ max: 0, scope: "team" });
    expect(alerting.change_failure_ratio).toEqual({ max: 0.15, window: "30d", scope: "team" });
    expect(alerting.cost_per_change_regression).toEqual({
      max_ratio: 1.1,
      window: "90d",
      scope: "team",
    });
    expect(alerting.collector_down).toEqual({ for: 15 * 60_000 });
    expect(alerting.collector_stale).toEqual({ after: 3 * 3_600_000, missed_runs: 3 });
    expect(alerting.snapshot_stale).toEqual({ after: 30 * 60_000 });
  });

  it("names the field path of every problem", () => {
    const issues = issuesOf(`version: kpi-exporter/v1
alerting:
  runbook_base_url: not a url
  change_failure_ratio: { max: 1.5 }
  cost_per_change_regression: { window: 14d }
  collector_stale: { after: soon }
  overrides:
    KpiNoSuchAlert: {}
    KpiExporterAbsent: { severity: critical }
slos:
  - { service: checkout, name: availability, objective: 100, period: 3d, ${SLI} }
  - service: checkout
    name: latency
    objective: 99
    description: Slow checkouts
    sli: { error_query: 'sum(rate(e_total[5m]))', total_query: 'sum(rate(t_total[{{ .window }}]))' }
    page_labels: { sloth_id: x, "1bad": y }
`);
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^alerting\.runbook_base_url: /),
        expect.stringMatching(/^alerting\.change_failure_ratio\.max: /),
        expect.stringMatching(/^alerting\.collector_stale\.after: expected a positive duration/),
        expect.stringMatching(/^alerting\.overrides: unknown alert KpiNoSuchAlert; known: /),
        expect.stringMatching(/^alerting\.overrides\.KpiExporterAbsent\.severity: /),
        expect.stringMatching(/^slos\[0\]\.objective: /),
        "slos[0].period: expected whole days of at least 7d, such as 30d or 28d",
        expect.stringMatching(/^slos\[0\]\.description: /),
        expect.stringMatching(
          /^slos\[1\]\.sli\.error_query: expected a query using \{\{\.window\}\}/,
        ),
        "slos[1].page_labels.1bad: expected a Prometheus label name",
      ]),
    );
  });

  it("checks SLO ids and alert names once each SLO is valid", () => {
    const slo = (name: string, extra = "") =>
      `  - { service: checkout, name: ${name}, objective: 99.5, description: d, ${SLI}${extra} }`;
    const config = (extra: string) => `version: kpi-exporter/v1
windows: [7d, 30d]
slos:
${slo("availability")}
${slo("availability")}
${slo("latency", ", alert_name: KpiExporterAbsent")}
${extra}`;
    expect(issuesOf(config(slo("errors", ", page_labels: { sloth_slo: x }")))).toEqual([
      "slos[3].page_labels.sloth_slo: severity and sloth_* labels are set by the generator",
    ]);
    expect(issuesOf(config(""))).toEqual([
      "slos[1].name: duplicate SLO checkout-availability",
      "slos[2].alert_name: alert name KpiExporterAbsent is already used by another alert; set a distinct alert_name",
    ]);
  });

  it("loads windows without the alerts' 30d and 90d, and fails generation naming the key", () => {
    const config = configFrom("version: kpi-exporter/v1\nwindows: [7d, 30d]\n");
    expect(() => buildRuleFiles(config)).toThrow(
      "alerting.cost_per_change_regression.window: 90d is not an exported window (windows: 7d, 30d); add it to windows, choose another, or disable KpiCostPerChangeRegressed",
    );
    const disabled = configFrom(`version: kpi-exporter/v1
windows: [7d, 30d]
alerting:
  runbook_base_url: https://runbooks.example.com/
  overrides: { KpiCostPerChangeRegressed: { enabled: false } }
`);
    expect(buildRuleFiles(disabled).map((f) => f.path)).toEqual([
      "kpi-recording.rules.yml",
      "kpi-alerts.rules.yml",
    ]);
  });

  it("reports a section of the wrong shape without tripping the cross-section checks", () => {
    expect(issuesOf("version: kpi-exporter/v1\nalerting: 5\nslos: {}\n")).toEqual([
      expect.stringMatching(/^alerting: /),
      expect.stringMatching(/^slos: /),
    ]);
  });
});
