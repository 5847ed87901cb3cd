import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { requireBinary } from "../support/binaries.ts";
import { BIN, REPO, runCli } from "../support/cli.ts";

// A large import shows how far it is on a terminal (a live counter of megabytes read on
// stderr) and says nothing extra when its output goes to a file or a pipe.

const run = promisify(execFile);
// script(1) gives the command a pseudo-terminal, as an operator's shell would.
const script = requireBinary("script", "progress on a terminal is not checked", "bsdutils") ?? "";

/** About a megabyte of valid deployments under the demo catalogue. */
function deployments(): string {
  const lines: string[] = [];
  for (let n = 0; n < 5_000; n++)
    lines.push(
      JSON.stringify({
        kind: "deployment",
        id: `progress-${n}`,
        service: "checkout",
        environment: "staging",
        finishedAt: new Date(Date.UTC(2026, 5, 1) + n * 60_000).toISOString(),
        commitSha: n.toString(16).padStart(40, "a"),
        url: `https://ci.example.com/deployments/${n}?padding=${"x".repeat(60)}`,
      }),
    );
  return `${lines.join("\n")}\n`;
}

describe.skipIf(script === "")("import progress", () => {
  it("counts megabytes live on a terminal, and is silent off one", async () => {
    const dir = await mkdtemp(join(tmpdir(), "kpi-import-progress-"));
    try {
      const file = join(dir, "big.ndjson");
      await writeFile(file, deployments());
      const args = ["import", "--config", "examples/demo.yaml", "--data-dir"];
      const command = [process.execPath, BIN, ...args, join(dir, "tty"), file].join(" ");
      const tty = await run(script, ["-qec", command, "/dev/null"], { cwd: REPO });
      // Each update redraws the line: carriage return, then ESC [2K (erase the line).
      const redraw = `\r${String.fromCharCode(27)}[2K`;
      expect(tty.stdout).toContain(redraw);
      expect(tty.stdout).toMatch(/big\.ndjson MB: [\d.]+\/1\.\d \(\d+ s\)/);
      expect(tty.stdout).toContain("5000 written");
      const piped = await runCli([...args, join(dir, "pipe"), file]);
      expect(piped.code, piped.stderr).toBe(0);
      expect(piped.stderr).toBe("");
      expect(piped.stdout).toContain("5000 written");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
