import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { toEngineConfig } from "../../src/config/engine-config.ts";
import { demoServices } from "../../src/demo/catalogue.ts";
import { generateDemoEvents } from "../../src/demo/generate.ts";
import { emptyRecordSet, type RecordSet } from "../../src/domain/records.ts";
import { computeSnapshot } from "../../src/engine/snapshot.ts";
import type { Sample } from "../../src/engine/snapshot-types.ts";
import { ingestRules } from "../../src/import/ingest-rules.ts";
import { parseLine } from "../../src/import/parse-line.ts";
import { parseConfigText } from "../../src/sources/config-file.ts";
import { RECORD_SET_FIELD } from "../../src/store/store.ts";
import { KPI } from "../../src/vocabulary/kpi-catalogue.ts";

// The demo exists to show every KPI: at organisation, team and service scope, in every
// window, whatever the evaluation instant (weekday, weekend, midnight or not).

const config = parseConfigText(
  readFileSync(new URL("../../examples/demo.yaml", import.meta.url), "utf8"),
);
const engine = toEngineConfig(config);

function importDemo(asOf: number): RecordSet {
  const records = emptyRecordSet();
  const rules = ingestRules(config);
  for (const line of generateDemoEvents({ asOf })) {
    const outcome = parseLine(line, rules);
    if (!("record" in outcome)) throw new Error(`refused: ${line}`);
    (records[RECORD_SET_FIELD[outcome.kind]] as unknown[]).push(outcome.record);
  }
  return records;
}

const scopeKey = (labels: Record<string, string>) =>
  [labels.team ?? "", labels.service ?? ""].join("/");

const SCOPES = [
  "/",
  ...config.teams.map((t) => `${t.name}/`),
  ...demoServices().map(({ team, service }) => `${team.name}/${service.name}`),
];

function missingSeries(samples: Sample[]): string[] {
  const present = new Set(samples.map((s) => `${s.name} ${s.labels.window} ${scopeKey(s.labels)}`));
  const missing: string[] = [];
  for (const def of Object.values(KPI)) {
    const scopes = !def.labels.includes("team")
      ? ["/"]
      : def === KPI.deploymentsTotal
        ? SCOPES.filter((s) => !s.endsWith("/"))
        : SCOPES;
    const windows = def.labels.includes("window")
      ? engine.windows.map((w) => w.label)
      : [undefined];
    for (const window of windows)
      for (const scope of scopes)
        if (!present.has(`${def.name} ${window} ${scope}`))
          missing.push(`${def.name} ${window ?? ""} ${scope}`);
  }
  return missing;
}

describe("demo data coverage", () => {
  for (const asOf of ["2026-06-30T00:00:00Z", "2026-03-08T15:20:00Z", "2026-11-04T08:05:31Z"])
    it(`has every KPI at every scope and window at ${asOf}`, () => {
      const t = Date.parse(asOf);
      const samples = computeSnapshot(importDemo(t), engine, t).samples;
      expect(missingSeries(samples)).toEqual([]);
      const remediation7d = samples.filter(
        (s) => s.name === KPI.remediationTime.name && s.labels.window === "7d",
      );
      for (const severity of ["critical", "high", "medium", "low"])
        for (const scope of SCOPES)
          expect(
            remediation7d.some(
              (s) => s.labels.severity === severity && scopeKey(s.labels) === scope,
            ),
            `7d remediation of ${severity} findings at ${scope}`,
          ).toBe(true);
    });

  it("shows each team at its own DORA level in the 90d window", () => {
    const t = Date.parse("2026-06-30T00:00:00Z");
    const levels = computeSnapshot(importDemo(t), engine, t).samples.filter(
      (s) => s.name === KPI.performanceLevel.name && s.labels.window === "90d" && !s.labels.service,
    );
    const level = (team: string, metric: string) =>
      levels.find((s) => s.labels.team === team && s.labels.metric === metric)?.value;
    const expected = { platform: 3, payments: 2, mobile: 1, lending: 0 };
    for (const [team, value] of Object.entries(expected))
      for (const metric of ["lead_time", "change_failure", "recovery_time"])
        expect(level(team, metric), `${team} ${metric}`).toBe(value);
  });
});
