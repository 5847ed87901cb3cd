import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ReportModel } from "../../src/reports/model.ts";
import { requireBinary } from "../support/binaries.ts";
import { BIN, runCli } from "../support/cli.ts";
import { handMadeFiles } from "./hand-made.ts";

// `kpi-exporter report` as a user runs it, on the hand-made organisation imported from NDJSON.

let files: Awaited<ReturnType<typeof handMadeFiles>>;
let data: string;
const report = (...args: string[]) =>
  runCli([
    "report",
    "--config",
    files.config,
    "--data-dir",
    data,
    "--as-of",
    "2026-11-01T00:00:00Z",
    ...args,
  ]);

beforeAll(async () => {
  files = await handMadeFiles();
  data = join(files.dir, "data");
  const imported = await runCli([
    "import",
    "--config",
    files.config,
    "--data-dir",
    data,
    files.events,
  ]);
  expect(imported.code, imported.stderr).toBe(0);
}, 60_000);
afterAll(() => files.cleanup());

describe("kpi-exporter report", () => {
  it("prints the JSON report of a team", async () => {
    const result = await report("--quarter", "2026-Q3", "--team", "payments", "--format", "json");
    expect(result.code, result.stderr).toBe(0);
    const model = JSON.parse(result.stdout) as ReportModel;
    expect(model.scope).toEqual({ kind: "team", team: "payments" });
    expect(model.summary.find((r) => r.kpi === "dora_deployment_frequency_per_day")?.value).toBe(
      2 / 92,
    );
  });

  it("writes a binary format to --out", async () => {
    const out = join(files.dir, "q3.xlsx");
    const result = await report("--quarter", "2026-Q3", "--format", "xlsx", "--out", out);
    expect(result.code, result.stderr).toBe(0);
    expect((await readFile(out)).subarray(0, 2).toString()).toBe("PK");
    expect(result.stderr).toContain("report written");
  });

  it("will not write a binary format to a terminal", () => {
    // util-linux's `script` gives the command a pseudo-terminal as its standard output.
    const script = requireBinary("script", "the terminal check is not tested", "util-linux");
    if (!script) return;
    const command = [process.execPath, BIN, "report", "--quarter", "2026-Q3", "--format", "pdf"]
      .concat(["--config", files.config, "--data-dir", data])
      .map((arg) => `'${arg}'`)
      .join(" ");
    const result = spawnSync(script, ["-qec", command, "/dev/null"], { encoding: "utf8" });
    expect(result.status).toBe(1);
    expect(result.stdout).toContain(
      "--format pdf is binary: give --out FILE or redirect standard output",
    );
  });

  it("refuses an unknown team, listing the known ones", async () => {
    const result = await report("--quarter", "2026-Q3", "--team", "nope", "--format", "csv");
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('team: unknown team "nope"; known teams: payments, platform');
    expect(result.stdout).toBe("");
  });

  it("refuses a malformed quarter before opening the store, and an unknown format", async () => {
    const elsewhere = join(files.dir, "never-created");
    const bad = await runCli([
      "report",
      "--quarter",
      "Q3",
      "--format",
      "csv",
      "--data-dir",
      elsewhere,
    ]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain(
      'quarter: expected a quarter such as 2026-Q3 (year, then Q1–Q4), got "Q3"',
    );
    expect(existsSync(elsewhere)).toBe(false);
    const format = await report("--quarter", "2026-Q3", "--format", "docx");
    expect(format.code).not.toBe(0);
    expect(format.stderr).toContain("Allowed choices are html, pdf, xlsx, csv, json");
  });
});
