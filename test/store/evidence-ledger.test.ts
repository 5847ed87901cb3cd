import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, describe, test } from "vitest";
import { migrate } from "../../src/store/migrations.ts";
import { openPglite } from "../../src/store/pglite-connection.ts";
import { openPostgres } from "../../src/store/postgres-connection.ts";
import { createSqlStore } from "../../src/store/sql-store.ts";
import { defineEvidenceLedgerSuite } from "./evidence-ledger-suite.ts";

// The evidence ledger on PGlite always, and on PostgreSQL when TEST_DATABASE_URL names a
// server (required under CI). The store and the attacker's raw connection share a database.

const databaseUrl = process.env.TEST_DATABASE_URL;
const run = `kpi_evidence_test_${randomBytes(4).toString("hex")}`;

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
  const schemas: string[] = [];
  afterAll(async () => {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    } finally {
      await client.end();
    }
  });
  defineEvidenceLedgerSuite(async () => {
    const schema = `${run}_${schemas.length}`;
    schemas.push(schema);
    const db = openPostgres(databaseUrl as string, schema);
    await db.exec(`CREATE SCHEMA ${schema}`);
    await migrate(db);
    return { store: createSqlStore(db), db };
  });
});
