import { spawnSync } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SELF } from "../../src/vocabulary/conventions.ts";
import { KPI } from "../../src/vocabulary/kpi-catalogue.ts";
import { requireBinary } from "../support/binaries.ts";
import { runCli } from "../support/cli.ts";

// The golden /metrics: the demo organisation at a fixed instant, through the real
// command line (seed, then `metrics`). After a deliberate change, `npm run generate`
// rewrites it.

const AS_OF = "2026-06-30T00:00:00Z";
const GOLDEN = new URL("./demo-metrics.prom", import.meta.url);
let dataDir: string;
let exposition: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "kpi-golden-"));
  const seed = await runCli(["demo", "--seed-only", "--data-dir", dataDir, "--as-of", AS_OF]);
  expect(seed.code, seed.stderr).toBe(0);
  const metrics = await runCli(["metrics", "--config", "examples/demo.yaml", "--data-dir", dataDir, "--as-of", AS_OF]);
  expect(metrics.code, metrics.stderr).toBe(0);
  exposition = metrics.stdout;
}, 120_000);

afterAll(() => rm(dataDir, { recursive: true, force: true }));

describe("golden demo exposition", () => {
  it("equals the checked-in file byte for byte", async () => {
    expect(exposition, "run `npm run generate` after a deliberate change").toBe(
      await readFile(GOLDEN, "utf8"),
    );
  });

  it("is reproducible: a second metrics run prints the same bytes", async () => {
    const again = await runCli(["metrics", "--config", "examples/demo.yaml", "--data-dir", dataDir, "--as-of", AS_OF]);
    expect(again.stdout).toBe(exposition);
  });

  it("carries every KPI of the contract, at every scope where the KPI has scopes", () => {
    for (const def of Object.values(KPI)) {
      expect(exposition, def.name).toMatch(new RegExp(`^${def.name}[{ ]`, "m"));
      if (def.labels.includes("service"))
        expect(exposition, `${def.name} at service scope`).toMatch(new RegExp(`^${def.name}\\{[^}]*service="`, "m"));
    }
    for (const def of [SELF.buildInfo, SELF.snapshotTimestamp, SELF.records])
      expect(exposition, def.name).toMatch(new RegExp(`^${def.name}[{ ]`, "m"));
  });

  it("passes promtool check metrics with no findings", () => {
    const promtool = requireBinary("promtool", "the golden exposition is not linted");
    if (!promtool) return;
    const result = spawnSync(promtool, ["check", "metrics"], { input: exposition, encoding: "utf8" });
    expect(result.stdout + result.stderr).toBe("");
    expect(result.status).toBe(0);
  });
});
