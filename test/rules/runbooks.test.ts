import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildRuleFiles, RulesError } from "../../src/rules/index.ts";
import { KPI_ALERT_NAMES } from "../../src/vocabulary/alert-names.ts";
import { runCli } from "../support/cli.ts";
import { ALERTS_DIR, alertsIn, configFrom, DEMO_CONFIG } from "./helpers.ts";

// Every alert says what happened and where its runbook is; an alert that would have no
// runbook stops generation, naming the alert or SLO and the key that fixes it.

const demo = readFileSync(DEMO_CONFIG, "utf8");
const withoutBaseUrl = demo.replace(/^ {2}runbook_base_url: .*\n/m, "");
const workDir = mkdtempSync(join(tmpdir(), "kpi-rules-runbooks-"));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

function generationError(text: string): string {
  try {
    buildRuleFiles(configFrom(text));
  } catch (error) {
    expect(error).toBeInstanceOf(RulesError);
    return (error as Error).message;
  }
  throw new Error("generation succeeded");
}

describe("alert annotations and runbooks", () => {
  it("gives every checked-in alert a summary, a description and a runbook URL", () => {
    const alerts = alertsIn(ALERTS_DIR);
    expect(new Set(alerts.map((a) => a.alert))).toEqual(
      new Set([
        ...KPI_ALERT_NAMES,
        "KpiExporterApiAvailabilitySLO",
        "KpiExporterScrapeAvailabilitySLO",
      ]),
    );
    for (const { alert, annotations } of alerts) {
      expect(annotations.summary, alert).toMatch(/\w{3}/);
      expect(annotations.description.length, alert).toBeGreaterThan(annotations.summary.length);
      expect(new URL(annotations.runbook_url).protocol, alert).toBe("https:");
      expect(annotations.runbook_url, alert).toMatch(new RegExp(`#${alert}$`));
    }
  });

  it("prefers an alert's own runbook_url to the base URL", () => {
    const own = "https://wiki.example.com/absent";
    const text = demo.replace(
      "  overrides:\n",
      `  overrides:\n    KpiExporterAbsent: { runbook_url: "${own}" }\n`,
    );
    const rules = buildRuleFiles(configFrom(text)).flatMap((f) => f.groups.flatMap((g) => g.rules));
    const absent = rules.find((r) => "alert" in r && r.alert === "KpiExporterAbsent");
    expect(absent && "alert" in absent && absent.annotations.runbook_url).toBe(own);
  });

  it("fails naming the first KPI alert without a runbook", () => {
    expect(generationError(withoutBaseUrl)).toBe(
      "alert KpiComplianceCoverageBelowTarget has no runbook: set alerting.overrides.KpiComplianceCoverageBelowTarget.runbook_url or alerting.runbook_base_url",
    );
  });

  it("fails naming the SLO when only the SLO lacks a runbook", () => {
    const everyKpiAlertOwned = KPI_ALERT_NAMES.map(
      (name) => `    ${name}: { runbook_url: "https://wiki.example.com/${name}" }\n`,
    ).join("");
    const text = withoutBaseUrl.replace(
      "  overrides:\n    KpiChangeFailureRatioHigh:\n      labels: { audience: cto }\n",
      `  overrides:\n${everyKpiAlertOwned}`,
    );
    expect(text).not.toBe(withoutBaseUrl);
    expect(generationError(text)).toBe(
      "SLO kpi-exporter/scrape-availability (alert KpiExporterScrapeAvailabilitySLO) has no runbook: set slos[0].runbook_url or alerting.runbook_base_url",
    );
  });

  it("needs no runbook for a disabled alert", () => {
    const disabled = KPI_ALERT_NAMES.map((name) => `    ${name}: { enabled: false }\n`).join("");
    const text = `${withoutBaseUrl.slice(0, withoutBaseUrl.indexOf("  overrides:"))}  overrides:\n${disabled}`;
    const files = buildRuleFiles(configFrom(text));
    expect(files.map((f) => f.path)).toEqual(["kpi-recording.rules.yml", "kpi-alerts.rules.yml"]);
    expect(files[1]?.groups).toEqual([]);
  });

  it("exits 1 from the command line with the same message", async () => {
    const config = join(workDir, "no-runbooks.yaml");
    writeFileSync(config, withoutBaseUrl);
    const run = await runCli(["rules", "--config", config, "--out", join(workDir, "out")]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("alert KpiComplianceCoverageBelowTarget has no runbook");
  });
});
