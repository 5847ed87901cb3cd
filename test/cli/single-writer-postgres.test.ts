import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acquireDataDirLock, type DataDirLock } from "../../src/store/data-dir-lock.ts";
import { runCli } from "../support/cli.ts";
import { databaseUrlInSchema, schemaPerStore } from "../support/pg-schemas.ts";

// With DATABASE_URL the store is PostgreSQL, which takes any number of writers: no data
// dir is locked, and one held by another process is no obstacle.

const databaseUrl = process.env.TEST_DATABASE_URL;
const nextSchema = schemaPerStore(databaseUrl, "single_writer");
let dir: string;
let env: Record<string, string>;

beforeAll(async () => {
  if (!databaseUrl) return;
  dir = await mkdtemp(join(tmpdir(), "kpi-single-writer-pg-"));
  env = { DATABASE_URL: await databaseUrlInSchema(databaseUrl, nextSchema()) };
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe.runIf(databaseUrl)("one writer per data dir, with PostgreSQL", () => {
  it("locks no data dir, and is not stopped by one another process holds", async () => {
    const config = join(dir, "config.yaml");
    await writeFile(
      config,
      "version: kpi-exporter/v1\nteams:\n  - name: payments\n    services: [{ name: checkout }]\n",
    );
    const events = join(dir, "events.ndjson");
    const deployment = {
      kind: "deployment",
      id: "d1",
      service: "checkout",
      environment: "production",
    };
    await writeFile(
      events,
      `${JSON.stringify({ ...deployment, finishedAt: "2026-06-01T10:00:00Z", commitSha: "d1abcdef" })}\n`,
    );
    const unused = join(dir, "unused");
    const imported = await runCli(["import", "--config", config, "--data-dir", unused, events], {
      env,
    });
    expect(imported.code, imported.stderr).toBe(0);
    // The database by host and name, never its credentials.
    const { host, pathname } = new URL(env.DATABASE_URL as string);
    expect(imported.stdout).toContain(
      `1 written, 0 unchanged, 0 rejected (PostgreSQL ${host}${pathname} (DATABASE_URL))`,
    );
    expect(existsSync(unused)).toBe(false);

    const held: DataDirLock = await acquireDataDirLock(join(dir, "held"), "test", () => "held");
    try {
      const metrics = await runCli(["metrics", "--data-dir", join(dir, "held")], { env });
      expect(metrics.code, metrics.stderr).toBe(0);
      expect(metrics.stdout).toContain('kpi_exporter_records{kind="deployment"} 1');
    } finally {
      held.release();
    }
  }, 60_000);
});
