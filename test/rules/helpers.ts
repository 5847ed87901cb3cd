import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import type { ConfigFile } from "../../src/config/schema.ts";
import type { AlertingRule, Rule, RuleGroup } from "../../src/rules/types.ts";
import { parseConfigText } from "../../src/sources/config-file.ts";

// The checked-in alerts/ directory, read as Prometheus would read it, and promtool runs.

export const ALERTS_DIR = fileURLToPath(new URL("../../alerts", import.meta.url));
export const DEMO_CONFIG = fileURLToPath(new URL("../../examples/demo.yaml", import.meta.url));

export const demoConfig = (): ConfigFile =>
  parseConfigText(readFileSync(DEMO_CONFIG, "utf8"), DEMO_CONFIG);

/** A config built from demo.yaml's text with YAML appended or edited by the test. */
export const configFrom = (text: string): ConfigFile => parseConfigText(text, "test.yaml");

/** Every file under dir, as sorted paths relative to it. */
export function filesUnder(dir: string): string[] {
  const walk = (d: string): string[] =>
    readdirSync(d).flatMap((name) => {
      const path = join(d, name);
      return statSync(path).isDirectory() ? walk(path) : [relative(dir, path)];
    });
  return walk(dir).sort();
}

export function ruleFilesIn(dir: string): string[] {
  return filesUnder(dir)
    .filter((f) => f.endsWith(".rules.yml"))
    .map((f) => join(dir, f));
}

export function testFilesIn(dir: string): string[] {
  return filesUnder(dir)
    .filter((f) => f.startsWith("tests/") && f.endsWith(".test.yml"))
    .map((f) => join(dir, f));
}

export function groupsOf(file: string): RuleGroup[] {
  return (parse(readFileSync(file, "utf8")) as { groups: RuleGroup[] }).groups;
}

export function rulesIn(dir: string): Rule[] {
  return ruleFilesIn(dir).flatMap((f) => groupsOf(f).flatMap((g) => g.rules));
}

export const alertsIn = (dir: string): AlertingRule[] =>
  rulesIn(dir).filter((r): r is AlertingRule => "alert" in r);

export interface Run {
  status: number | null;
  output: string;
}

export function promtool(binary: string, args: string[], cwd: string): Run {
  const run = spawnSync(binary, args, { cwd, encoding: "utf8", timeout: 120_000 });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}
