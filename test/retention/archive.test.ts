import { describe, test } from "vitest";
import { migrate } from "../../src/store/migrations.ts";
import { openPglite } from "../../src/store/pglite-connection.ts";
import { openPostgres } from "../../src/store/postgres-connection.ts";
import { createSqlStore } from "../../src/store/sql-store.ts";
import { schemaPerStore } from "../support/pg-schemas.ts";
import { defineArchiveSuite } from "./archive-suite.ts";

// Retention over a directory archive on PGlite always, and on PostgreSQL when
// TEST_DATABASE_URL names a server (required under CI).

const databaseUrl = process.env.TEST_DATABASE_URL;

describe("retention on PGlite", () => {
  defineArchiveSuite(async () => {
    const db = await openPglite();
    await migrate(db);
    return { store: createSqlStore(db), db };
  });
});

if (!databaseUrl && process.env.CI === "true")
  test("retention on PostgreSQL", () => {
    throw new Error("TEST_DATABASE_URL is required under CI");
  });

describe.skipIf(!databaseUrl)("retention on PostgreSQL", () => {
  const nextSchema = schemaPerStore(databaseUrl, "kpi_retention_test");
  defineArchiveSuite(async () => {
    const schema = nextSchema();
    const db = openPostgres(databaseUrl as string, schema);
    await db.exec(`CREATE SCHEMA ${schema}`);
    await migrate(db);
    return { store: createSqlStore(db), db };
  });
});
