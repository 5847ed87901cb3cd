import { describe, test } from "vitest";
import { migrate } from "../../src/store/migrations.ts";
import { openPglite } from "../../src/store/pglite-connection.ts";
import { openPostgres } from "../../src/store/postgres-connection.ts";
import { createSqlStore } from "../../src/store/sql-store.ts";
import { schemaPerStore } from "../support/pg-schemas.ts";
import { defineEvidenceLedgerSuite } from "./evidence-ledger-suite.ts";

// The evidence ledger on PGlite always, and on PostgreSQL when TEST_DATABASE_URL names a
// server (required under CI). The store and the attacker's raw connection share a database.

const databaseUrl = process.env.TEST_DATABASE_URL;

describe("evidence ledger on PGlite", () => {
  defineEvidenceLedgerSuite(async () => {
    const db = await openPglite();
    await migrate(db);
    return { store: createSqlStore(db), db };
  });
});

if (!databaseUrl && process.env.CI === "true")
  test("evidence ledger on PostgreSQL", () => {
    throw new Error("TEST_DATABASE_URL is required under CI");
  });

describe.skipIf(!databaseUrl)("evidence ledger on PostgreSQL", () => {
  const nextSchema = schemaPerStore(databaseUrl, "kpi_evidence_test");
  defineEvidenceLedgerSuite(async () => {
    const schema = nextSchema();
    const db = openPostgres(databaseUrl as string, schema);
    await db.exec(`CREATE SCHEMA ${schema}`);
    await migrate(db);
    return { store: createSqlStore(db), db };
  });
});
