import type { ConfigFile } from "../config/schema.ts";
import { type BuiltAlert, buildAlert } from "./alert-spec.ts";
import { exporterAlertSpecs } from "./exporter-alerts.ts";
import { assertExportedWindows, kpiAlertSpecs } from "./kpi-alerts.ts";
import { recordingExamples } from "./recording.ts";
import { sloRules } from "./slo.ts";
import { sloTestFile } from "./slo-tests.ts";
import type { RuleFile, TestFile } from "./types.ts";
import { kpiAlertTestFiles, recordingTestFile } from "./unit-tests.ts";
import { renderRuleFile, renderTestFile } from "./yaml.ts";

// Everything `kpi-exporter rules` writes into alerts/: rule files for Prometheus and the
// promtool unit tests that show each alert firing and not firing. Paths are relative to
// the output directory.

export { RulesError } from "./runbooks.ts";

export const RECORDING_FILE = "kpi-recording.rules.yml";
export const KPI_ALERTS_FILE = "kpi-alerts.rules.yml";

/** Labels of the exporter's own series in test examples, as Prometheus scrapes them. */
const exampleTarget = (config: ConfigFile) => ({
  job: config.alerting.exporter_job,
  instance: "exporter:9478",
});

function builtAlerts(config: ConfigFile): { kpi: BuiltAlert[]; health: BuiltAlert[] } {
  assertExportedWindows(config);
  const build = (specs: ReturnType<typeof kpiAlertSpecs>) =>
    specs.flatMap((spec) => buildAlert(spec, config.alerting) ?? []);
  return {
    kpi: build(kpiAlertSpecs(config, exampleTarget(config))),
    health: build(exporterAlertSpecs(config, exampleTarget(config))),
  };
}

/** Every rule file; throws RulesError naming an alert or SLO without a runbook, or a window not exported. */
export function buildRuleFiles(config: ConfigFile): RuleFile[] {
  const { kpi, health } = builtAlerts(config);
  return [
    {
      path: RECORDING_FILE,
      groups: [{ name: "kpi-exporter-recordings", rules: recordingExamples().map((e) => e.rule) }],
    },
    {
      path: KPI_ALERTS_FILE,
      groups: [
        { name: "kpi-exporter-kpis", rules: kpi.map((a) => a.rule) },
        { name: "kpi-exporter-health", rules: health.map((a) => a.rule) },
      ].filter((group) => group.rules.length > 0),
    },
    ...config.slos.map((slo, i) => sloRules(slo, i, config.alerting)),
  ];
}

export interface TestFiles {
  files: TestFile[];
  /** SLOs without a generated test, with the reason; hand-write theirs. */
  skipped: string[];
}

export function buildTestFiles(config: ConfigFile): TestFiles {
  const { kpi, health } = builtAlerts(config);
  const files = [
    recordingTestFile(recordingExamples(), RECORDING_FILE),
    ...kpiAlertTestFiles([...kpi, ...health], KPI_ALERTS_FILE),
  ];
  const skipped: string[] = [];
  config.slos.forEach((slo, i) => {
    const test = sloTestFile(slo, sloRules(slo, i, config.alerting));
    if ("unsupported" in test) skipped.push(`SLO ${slo.service}/${slo.name}: ${test.unsupported}`);
    else files.push(test);
  });
  return { files, skipped };
}

export interface GeneratedFile {
  path: string;
  text: string;
}

export function generateAlerts(config: ConfigFile): { files: GeneratedFile[]; skipped: string[] } {
  const rules = buildRuleFiles(config).map((f) => ({ path: f.path, text: renderRuleFile(f) }));
  const tests = buildTestFiles(config);
  const files = [...rules, ...tests.files.map((f) => ({ path: f.path, text: renderTestFile(f) }))];
  return { files, skipped: tests.skipped };
}
