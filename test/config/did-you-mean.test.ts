import { describe, expect, it } from "vitest";
import { ConfigError } from "../../src/config/load.ts";
import { parseConfigText } from "../../src/sources/config-file.ts";

// Config errors a person understands: a missing value is "required", and an unknown key
// names the key it was probably meant to be, or the few keys known where it stands.

function issues(yaml: string): string[] {
  try {
    parseConfigText(yaml, "test.yaml");
  } catch (error) {
    if (error instanceof ConfigError) return error.issues.map((i) => `${i.path}: ${i.message}`);
    throw error;
  }
  throw new Error("expected the config to be refused");
}

describe("config errors", () => {
  it("say required for a missing value and suggest the key a typo meant, at any depth", () => {
    const yaml = [
      "version: kpi-exporter/v1",
      "windos: [7d]",
      "teams:",
      "  - services: [{ name: a }]",
      "  - name: b",
      "    servces: []",
      "sources:",
      "  githb: {}",
    ].join("\n");
    expect(issues(yaml).sort()).toEqual(
      [
        'windos: unknown key (did you mean "windows"?)',
        "teams[0].name: required",
        'teams[1].servces: unknown key (did you mean "services"?)',
        'sources.githb: unknown key (did you mean "github"?)',
      ].sort(),
    );
  });

  it("list the known keys when nothing is close, and drop zod's 'Invalid input' opening", () => {
    const yaml = "version: kpi-exporter/v2\ncompliance:\n  quux: 1\n";
    expect(issues(yaml)).toEqual([
      'version: expected "kpi-exporter/v1"',
      expect.stringMatching(/^compliance\.quux: unknown key; known here: controls/),
    ]);
  });

  it("say required for a missing value of either type, and keep a record's own message", () => {
    const yaml = [
      "version: kpi-exporter/v1",
      "compliance:",
      "  policies:",
      "    - controls: {}",
      "alerting:",
      "  overrides:",
      "    KpiNoSuchAlert: {}",
    ].join("\n");
    expect(issues(yaml)).toEqual([
      "compliance.policies[0].effective_from: required",
      expect.stringMatching(/^alerting\.overrides: unknown alert KpiNoSuchAlert; known: /),
    ]);
  });
});
