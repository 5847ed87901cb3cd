import { afterEach, expect, test } from "vitest";
import { MIGRATIONS, type Migration, migrate } from "../../src/store/migrations.ts";
import { openPglite } from "../../src/store/pglite-connection.ts";
import type { SqlConnection } from "../../src/store/sql.ts";

// The migration runner on its own: what it records, what it refuses, and that a
// failing step leaves nothing half-applied.

let db: SqlConnection | undefined;
afterEach(async () => {
  await db?.close();
  db = undefined;
});

const versions = async (conn: SqlConnection) =>
  (await conn.query<{ version: number }>("SELECT version FROM schema_migrations ORDER BY 1")).map(
    (row) => row.version,
  );

test("applies pending migrations once and records them", async () => {
  db = await openPglite();
  expect(await migrate(db)).toEqual(MIGRATIONS.map((m) => m.version));
  expect(await migrate(db)).toEqual([]);
  expect(await versions(db)).toEqual(MIGRATIONS.map((m) => m.version));
});

test("applies later migrations in version order, on top of earlier ones", async () => {
  db = await openPglite();
  await migrate(db);
  const next = MIGRATIONS.length + 1;
  const later: Migration[] = [
    { version: next + 1, description: "c", sql: "ALTER TABLE probe ADD COLUMN c text" },
    { version: next, description: "probe", sql: "CREATE TABLE probe (id text)" },
  ];
  expect(await migrate(db, [...MIGRATIONS, ...later])).toEqual([next, next + 1]);
  expect(await versions(db)).toEqual([...MIGRATIONS.map((m) => m.version), next, next + 1]);
});

test("a failing migration leaves the schema untouched", async () => {
  db = await openPglite();
  const broken: Migration[] = [
    ...MIGRATIONS,
    {
      version: MIGRATIONS.length + 1,
      description: "broken",
      sql: "CREATE TABLE probe (id text); SELECT nope FROM nowhere",
    },
  ];
  await expect(migrate(db, broken)).rejects.toThrow(/nowhere/);
  expect(await migrate(db)).toEqual(MIGRATIONS.map((m) => m.version));
  const probe = await db.query("SELECT to_regclass('probe') IS NULL AS missing");
  expect(probe[0]?.missing).toBe(true);
});

test("refuses a database migrated by a newer exporter", async () => {
  db = await openPglite();
  await migrate(db, [...MIGRATIONS, { version: 99, description: "future", sql: "SELECT 1" }]);
  await expect(migrate(db)).rejects.toThrow(/schema version 99 is newer/);
});
