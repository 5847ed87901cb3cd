import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN, REPO, runCli } from "../support/cli.ts";

// `kpi-exporter report … | head` and `metrics | head`: the reader closes the pipe before the
// command has written everything. The reader here closes its end before the first byte
// arrives, so every write of the command meets the closed pipe (EPIPE) whatever the size
// of its output.

let dir: string;
let common: string[];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "kpi-stdout-pipe-"));
  common = ["--data-dir", join(dir, "store"), "--as-of", "2026-07-02T00:00:00Z"];
  // Creates the store first, so the runs below only read it.
  const first = await runCli(["metrics", ...common]);
  expect(first.code, first.stderr).toBe(0);
  expect(first.stdout).toContain("# HELP");
}, 60_000);

afterAll(() => rm(dir, { recursive: true, force: true }));

function runIntoClosedPipe(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env };
    delete env.DATABASE_URL;
    delete env.KPI_CONFIG;
    delete env.KPI_AS_OF;
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: REPO,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout.destroy();
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stderr }));
  });
}

describe("a reader that closes standard output early", () => {
  it("ends `report --format json` quietly with exit code 0", async () => {
    const result = await runIntoClosedPipe([
      "report",
      "--quarter",
      "2026-Q2",
      "--format",
      "json",
      ...common,
    ]);
    expect(result.stderr).not.toMatch(/EPIPE|Error|\n\s+at /);
    expect(result.code).toBe(0);
  });

  it("ends `evidence export` and `evidence verify` quietly with exit code 0", async () => {
    const store = ["--data-dir", join(dir, "store")];
    const period = ["--from", "2026-04-01", "--to", "2026-06-30"];
    for (const args of [
      ["evidence", "export", ...store, ...period],
      ["evidence", "verify", ...store],
    ]) {
      const result = await runIntoClosedPipe(args);
      expect(result.stderr, args.join(" ")).not.toMatch(/EPIPE|Error|\n\s+at /);
      expect(result.code, args.join(" ")).toBe(0);
    }
  });

  it("ends `metrics` quietly with exit code 0", async () => {
    const result = await runIntoClosedPipe(["metrics", ...common]);
    expect(result.stderr).not.toMatch(/EPIPE|Error|\n\s+at /);
    expect(result.code).toBe(0);
  });
});
