import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { GENERATED_HEADER } from "../../src/rules/yaml.ts";
import { runCli } from "../support/cli.ts";
import { ALERTS_DIR, DEMO_CONFIG, filesUnder } from "./helpers.ts";

// alerts/ is generated from examples/demo.yaml and checked in: regenerating it must change
// nothing. After a deliberate change, run `npm run generate` and commit the result.

const workDir = mkdtempSync(join(tmpdir(), "kpi-rules-drift-"));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

describe("kpi-exporter rules", () => {
  it("regenerates the checked-in alerts/ byte for byte, with the same set of files", async () => {
    const out = join(workDir, "alerts");
    const run = await runCli(["rules", "--config", "examples/demo.yaml", "--out", out]);
    expect(run.stderr).toContain("wrote 10 files");
    expect(run.code).toBe(0);
    const checkedIn = filesUnder(ALERTS_DIR);
    expect(filesUnder(out)).toEqual(checkedIn);
    for (const file of checkedIn)
      expect(readFileSync(join(out, file), "utf8"), `${file} differs: run npm run generate`).toBe(
        readFileSync(join(ALERTS_DIR, file), "utf8"),
      );
  });

  it("marks every file it writes as generated", () => {
    for (const file of filesUnder(ALERTS_DIR))
      expect(readFileSync(join(ALERTS_DIR, file), "utf8").split("\n")[0], file).toBe(
        GENERATED_HEADER,
      );
  });

  it("removes generated files it no longer writes, and leaves hand-written ones alone", async () => {
    const out = join(workDir, "pruned");
    const config = join(workDir, "no-slos.yaml");
    const demo = readFileSync(DEMO_CONFIG, "utf8");
    writeFileSync(config, demo.slice(0, demo.indexOf("\nslos:")));
    expect((await runCli(["rules", "--config", "examples/demo.yaml", "--out", out])).code).toBe(0);
    writeFileSync(join(out, "tests", "mine.test.yml"), "# written by hand\n");
    const run = await runCli(["rules", "--config", config, "--out", out]);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain("removed slo-kpi-exporter-api-availability.rules.yml");
    expect(filesUnder(out)).toEqual([
      "kpi-alerts.rules.yml",
      "kpi-recording.rules.yml",
      "tests/kpi-alerts-5m.test.yml",
      "tests/kpi-alerts-6h.test.yml",
      "tests/kpi-alerts.test.yml",
      "tests/kpi-recording.test.yml",
      "tests/mine.test.yml",
    ]);
  });
});
