import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPglite } from "../../src/store/pglite-connection.ts";
import { runCli } from "../support/cli.ts";
import { AS_OF, SLASHED, writeFixture } from "./explain-fixture.ts";

// `explain deployment` and `evidence verify` through the real command line: import appends
// the evidence, explain reads it back in both forms, and rows deleted behind the
// exporter's back are named with exit 1.

let dir: string;
let common: string[];
let importOut = "";

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "kpi-explain-"));
  const { config, events } = await writeFixture(dir);
  common = ["--config", config, "--data-dir", join(dir, "store"), "--as-of", AS_OF];
  const imported = await runCli(["import", ...common, events]);
  expect(imported.code, imported.stderr).toBe(0);
  importOut = imported.stdout;
}, 60_000);

afterAll(() => rm(dir, { recursive: true, force: true }));

describe("explain deployment", () => {
  it("prints why d1 counts as failed, with its recovery and compliance", async () => {
    const result = await runCli(["explain", "deployment", "d1", ...common]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(
      "deployment d1: service checkout (team payments), at asOf 2026-06-30T00:00:00.000Z",
    );
    expect(result.stdout).toContain("failed: yes\n  - incident INC-1 [attribution_window]");
    expect(result.stdout).toContain("recovery: 2026-06-01T13:30:00.000Z, after 3h 30m (12600 s)");
    expect(result.stdout).toContain(
      "  - c1: merged 2026-06-01T08:00:00.000Z, first commit 2026-05-31T08:00:00.000Z, lead time 1d 2h (93600 s)",
    );
    expect(result.stdout).toContain("      ok   sast: sast success at 2026-06-01T09:30:00.000Z");
  });

  it("answers JSON with --json, for an id holding slashes", async () => {
    const result = await runCli(["explain", "deployment", SLASHED, "--json", ...common]);
    expect(result.code, result.stderr).toBe(0);
    const e = JSON.parse(result.stdout);
    expect(e.deployment.id).toBe(SLASHED);
    expect(e.failure.rolledBackBy).toEqual({
      deploymentId: "d3",
      rule: "rollback_mark",
      finishedAt: "2026-06-11T10:00:00.000Z",
    });
    expect(e.failure.recovery).toEqual({
      recovered: true,
      at: "2026-06-11T10:00:00.000Z",
      seconds: 86_400,
      basis: "rollback",
      by: "d3",
    });
    expect(e.changes).toEqual({
      containment: "explicit",
      changeSet: "listed",
      shipped: [],
      notShipped: [],
    });
  });

  it("exits 1 naming an unknown id", async () => {
    const result = await runCli(["explain", "deployment", "nope", ...common]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^no deployment with id "nope" in the store \(PGlite in .*\)\n$/);
  });
});

describe("evidence verify", () => {
  it("import appended a record per production deployment, and the chain is intact", async () => {
    // Record 1 is the compliance policy this first import saw (METRICS.md decision 131).
    expect(importOut).toMatch(/\nevidence ledger: appended records 2–4, head [0-9a-f]{64}\n$/);
    const again = await runCli(["import", ...common, join(dir, "events.ndjson")]);
    expect(again.stdout).not.toContain("evidence ledger");
    const result = await runCli(["evidence", "verify", ...common]);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toMatch(
      /^evidence ledger intact: 4 records, head record 4 \(deployment d3\) sha256 [0-9a-f]{64} /,
    );
  });

  it("names a record deleted behind its back, exit 1", async () => {
    const db = await openPglite(join(dir, "store"));
    await db.exec(`ALTER TABLE evidence_records DISABLE TRIGGER USER;
      DELETE FROM evidence_records WHERE seq = 3;
      ALTER TABLE evidence_records ENABLE TRIGGER USER;`);
    await db.close();
    const result = await runCli(["evidence", "verify", ...common]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      `record 3 (deployment ${SLASHED}): deleted: record 4 follows record 3\n`,
    );
    expect(result.stdout).toMatch(/evidence ledger NOT intact: 1 problem in 3 records/);
    const json = await runCli(["evidence", "verify", "--json", ...common]);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({
      intact: false,
      records: 3,
      issues: [{ kind: "deleted", seq: 3, deploymentId: SLASHED }],
    });
  });
});
