import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, test } from "vitest";
import { schemaPerStore } from "../support/pg-schemas.ts";
import { defineFollowSuite } from "./follow-suite.ts";
import { defineStoreSuite } from "./store-suite.ts";
import { defineSyncStateSuite } from "./sync-state-suite.ts";

// PGlite always; PostgreSQL when TEST_DATABASE_URL names a server. Under CI a missing
// server is a failure, not a skip, so the production backend is never silently untested.

const databaseUrl = process.env.TEST_DATABASE_URL;

describe("store on PGlite", () => {
  const dirs: string[] = [];
  afterAll(async () => {
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  });
  defineStoreSuite({
    fresh: () => ({}),
    async persistent() {
      const dir = await mkdtemp(join(tmpdir(), "kpi-store-"));
      dirs.push(dir);
      return { dataDir: join(dir, "data") };
    },
  });
  defineSyncStateSuite(() => ({}));
});

describe("following the store on PGlite", () => {
  defineFollowSuite(() => ({}), false);
});

if (!databaseUrl) {
  if (process.env.CI === "true")
    test("store on PostgreSQL", () => {
      throw new Error("TEST_DATABASE_URL is required under CI");
    });
  else console.warn("skipping store on PostgreSQL: TEST_DATABASE_URL is not set");
}

describe.skipIf(!databaseUrl)("store on PostgreSQL", () => {
  // A schema per test, all under this run's prefix, dropped when the run ends.
  const nextSchema = schemaPerStore(databaseUrl, "kpi_store_test");
  defineStoreSuite({
    fresh: () => ({ databaseUrl, schema: nextSchema() }),
    persistent: async () => ({ databaseUrl, schema: nextSchema() }),
  });
  defineSyncStateSuite(() => ({ databaseUrl, schema: nextSchema() }));
  defineFollowSuite(() => ({ databaseUrl, schema: nextSchema() }), true);
});
