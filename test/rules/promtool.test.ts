import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { requireBinary } from "../support/binaries.ts";
import { ALERTS_DIR, alertsIn, promtool, ruleFilesIn, testFilesIn } from "./helpers.ts";

// Prometheus's own tool over the checked-in alerts/: the rule files load and pass every
// lint, and the unit tests show each alert firing and not firing as they claim.

const binary = requireBinary("promtool", "alerts/ is not checked by promtool") ?? "";
const workDir = mkdtempSync(join(tmpdir(), "kpi-rules-promtool-"));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

describe.skipIf(binary === "")("promtool over alerts/", () => {
  it("check rules --lint=all --lint-fatal accepts every rule file", () => {
    const files = ruleFilesIn(ALERTS_DIR);
    expect(files.map((f) => f.slice(ALERTS_DIR.length + 1))).toEqual([
      "kpi-alerts.rules.yml",
      "kpi-recording.rules.yml",
      "slo-kpi-exporter-api-availability.rules.yml",
      "slo-kpi-exporter-scrape-availability.rules.yml",
    ]);
    const run = promtool(
      binary,
      ["check", "rules", "--lint=all", "--lint-fatal", ...files],
      ALERTS_DIR,
    );
    expect(run.output).not.toContain("FAILED");
    expect(run.status, run.output).toBe(0);
  });

  it("test rules passes every unit test", () => {
    const run = promtool(binary, ["test", "rules", ...testFilesIn(ALERTS_DIR)], ALERTS_DIR);
    expect(run.status, run.output).toBe(0);
    expect(run.output.match(/SUCCESS/g)).toHaveLength(testFilesIn(ALERTS_DIR).length);
  });

  it("has a unit test showing each alert firing and one showing it quiet", () => {
    const tests = testFilesIn(ALERTS_DIR)
      .map((f) => readFileSync(f, "utf8"))
      .join("\n");
    for (const { alert } of alertsIn(ALERTS_DIR)) {
      const checks = [
        ...tests.matchAll(new RegExp(`alertname: ${alert}\\n\\s+exp_alerts:(.*)`, "g")),
      ];
      expect(
        checks.some((m) => m[1] === " []"),
        `${alert} never shown quiet`,
      ).toBe(true);
      expect(
        checks.some((m) => m[1] === ""),
        `${alert} never shown firing`,
      ).toBe(true);
    }
  });

  it("fails when an expectation is wrong, so a passing run means something", () => {
    const copy = join(workDir, "alerts");
    cpSync(ALERTS_DIR, copy, { recursive: true });
    const file = join(copy, "tests", "slo-kpi-exporter-api-availability.test.yml");
    const text = readFileSync(file, "utf8");
    // The fast burn pages; claim it opened a ticket instead.
    const broken = text.replace("sloth_severity: page", "sloth_severity: ticket");
    expect(broken).not.toBe(text);
    writeFileSync(file, broken);
    const run = promtool(binary, ["test", "rules", file], copy);
    expect(run.status).not.toBe(0);
    expect(run.output).toContain("FAILED");
    expect(run.output).toContain('sloth_severity="ticket"');
  });
});
