import { spawnSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { requireBinary } from "../support/binaries.ts";
import { REPO } from "../support/cli.ts";

// deploy/prometheus/prometheus.yml checked by promtool inside a temp dir laid out like the
// container: the config at etc/prometheus/, the repository's alerts/ beside it, so the
// rule_files glob resolves to the generated rule files exactly as it will in Compose.

const promtool = requireBinary("promtool", "the compose stack's Prometheus config is not checked");
const CONTAINER_DIR = "/etc/prometheus/";
const config = parse(readFileSync(join(REPO, "deploy/prometheus/prometheus.yml"), "utf8"));
const root = mkdtempSync(join(tmpdir(), "kpi-prom-config-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const alertsDir = join(REPO, "alerts");
const repoAlertFiles = existsSync(alertsDir)
  ? readdirSync(alertsDir).filter((f) => !f.startsWith("."))
  : [];

describe.skipIf(!promtool)("deploy/prometheus/prometheus.yml", () => {
  it("reads the rules from the alerts/ mount of the shared layout", () => {
    expect(config.rule_files).toEqual(["/etc/prometheus/alerts/*.rules.yml"]);
  });

  it("passes promtool check config, with every generated rule file", () => {
    const etc = join(root, "etc/prometheus");
    mkdirSync(join(etc, "alerts"), { recursive: true });
    if (repoAlertFiles.length > 0) cpSync(alertsDir, join(etc, "alerts"), { recursive: true });
    const local = {
      ...config,
      rule_files: config.rule_files.map((glob: string) =>
        join(etc, glob.slice(CONTAINER_DIR.length)),
      ),
    };
    writeFileSync(join(etc, "prometheus.yml"), stringify(local));
    const run = spawnSync(promtool as string, ["check", "config", join(etc, "prometheus.yml")], {
      encoding: "utf8",
    });
    const output = run.stdout + run.stderr;
    expect(run.status, output).toBe(0);
    expect(output).toContain("is valid prometheus config file syntax");
    // Once alerts/ is generated, the glob must find its rule files, or Prometheus would
    // silently run without rules.
    const ruleFiles = repoAlertFiles.filter((f) => f.endsWith(".rules.yml"));
    if (repoAlertFiles.length > 0) {
      expect(
        ruleFiles.length,
        `alerts/ holds ${repoAlertFiles.join(", ")} but no *.rules.yml`,
      ).toBeGreaterThan(0);
      expect(output).toContain(`SUCCESS: ${ruleFiles.length} rule files found`);
      for (const file of ruleFiles)
        expect(output).toContain(`Checking ${join(etc, "alerts", file)}`);
    } else {
      console.warn("alerts/ not generated yet: the config is checked without rule files");
    }
  });
});
