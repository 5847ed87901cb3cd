import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { requireBinary } from "../support/binaries.ts";
import { runCli } from "../support/cli.ts";
import { alertsIn, filesUnder, promtool, ruleFilesIn, testFilesIn } from "./helpers.ts";

// The generator is not tuned to the demo: another config (other scopes, overrides, a daily
// source, an SLI over two metrics with a 28-day period, one SLI it cannot drive) still
// gives rules promtool accepts and unit tests that pass.

const binary = requireBinary("promtool", "generated rules are not checked by promtool") ?? "";
const workDir = mkdtempSync(join(tmpdir(), "kpi-rules-variant-"));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

const CONFIG = `version: kpi-exporter/v1
currency: USD
windows: [7d, 30d]
sources:
  focus: { directory: /var/lib/focus, interval: 1d }
  opencost: { base_url: "http://opencost:9003", interval: 12h }
alerting:
  runbook_base_url: https://runbooks.example.com/kpi
  exporter_job: kpi
  compliance_coverage: { target: 0.95, window: 7d, scope: organisation }
  critical_vulnerabilities_overdue: { max: 2, scope: service }
  change_failure_ratio: { max: 0.3, scope: service }
  cost_per_change_regression: { max_ratio: 1.25, window: 30d, scope: organisation }
  collector_stale: { after: 2h, missed_runs: 4 }
  overrides:
    KpiExporterCollectorDown: { for: 45m, severity: page, labels: { team: sre } }
    KpiCostPerChangeRegressed: { for: "0" }
    KpiComplianceCoverageBelowTarget: { for: 1h, runbook_url: "https://wiki.example.com/compliance" }
    KpiExporterSnapshotStale: { enabled: false }
slos:
  - service: checkout
    name: availability
    objective: 99.5
    period: 28d
    description: Checkout requests fail
    sli:
      error_query: sum(rate(http_errors_total{job="checkout", code!="429"}[{{.window}}]))
      total_query: sum(rate(http_requests_total{job="checkout"}[{{.window}}]))
  - service: checkout
    name: latency
    objective: 99
    description: Checkout requests are slow
    sli:
      error_query: sum(rate(http_duration_seconds_count[{{.window}}])) - sum(rate(http_duration_seconds_bucket{le="0.5"}[{{.window}}]))
      total_query: sum(rate(http_duration_seconds_count[{{.window}}]))
`;

describe.skipIf(binary === "")("rules from a config unlike the demo's", () => {
  const out = join(workDir, "alerts");

  it("generates, and says which SLO has no generated test", async () => {
    const config = join(workDir, "variant.yaml");
    writeFileSync(config, CONFIG);
    const run = await runCli(["rules", "--config", config, "--out", out]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain(
      "no promtool test generated for SLO checkout/latency: queries are not both sum(rate(",
    );
    expect(filesUnder(out)).toEqual([
      "kpi-alerts.rules.yml",
      "kpi-recording.rules.yml",
      "slo-checkout-availability.rules.yml",
      "slo-checkout-latency.rules.yml",
      "tests/kpi-alerts-5m.test.yml",
      "tests/kpi-alerts-6h.test.yml",
      "tests/kpi-alerts.test.yml",
      "tests/kpi-recording.test.yml",
      "tests/slo-checkout-availability.test.yml",
    ]);
  });

  it("gives a slow source its own staleness threshold", () => {
    const stale = alertsIn(out).find((a) => a.alert === "KpiExporterCollectorStale");
    expect(stale?.expr).toBe(
      '(time() - kpi_exporter_collector_last_success_timestamp_seconds{collector!~"focus|opencost"} > 7200)' +
        ' or (time() - kpi_exporter_collector_last_success_timestamp_seconds{collector="opencost"} > 172800)' +
        ' or (time() - kpi_exporter_collector_last_success_timestamp_seconds{collector="focus"} > 345600)',
    );
    expect(alertsIn(out).map((a) => a.alert)).not.toContain("KpiExporterSnapshotStale");
  });

  it("passes promtool check rules and every generated unit test", () => {
    const check = promtool(
      binary,
      ["check", "rules", "--lint=all", "--lint-fatal", ...ruleFilesIn(out)],
      out,
    );
    expect(check.status, check.output).toBe(0);
    const tests = promtool(binary, ["test", "rules", ...testFilesIn(out)], out);
    expect(tests.status, tests.output).toBe(0);
    expect(readFileSync(join(out, "tests", "kpi-alerts.test.yml"), "utf8")).toContain("team: sre");
  });
});
