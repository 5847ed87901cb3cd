import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { runCli } from "../support/cli.ts";

// A path that opens but cannot be read (a directory) ends the import with the reason, as
// a missing file does: the read error reaches the importer instead of crashing it.

it("an import of a path that cannot be read exits 1 naming the reason", async () => {
  const dir = await mkdtemp(join(tmpdir(), "kpi-import-unreadable-"));
  try {
    const args = ["import", "--config", "examples/demo.yaml", "--data-dir", join(dir, "data")];
    const result = await runCli([...args, dir]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("EISDIR");
    expect(result.stderr).not.toContain("Unhandled");
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
