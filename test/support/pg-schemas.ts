import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll } from "vitest";

// PostgreSQL tests share one database (TEST_DATABASE_URL): each store gets a schema of its
// own under a prefix unique to the test run, and the schemas are dropped when the file's
// tests end, passed or not.

/** Returns a function naming a fresh schema each call; registers their drop in afterAll. */
export function schemaPerStore(databaseUrl: string | undefined, prefix: string): () => string {
  const run = `${prefix}_${randomBytes(4).toString("hex")}`;
  const schemas: string[] = [];
  afterAll(async () => {
    if (!databaseUrl || schemas.length === 0) return;
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    } finally {
      await client.end();
    }
  });
  return () => {
    const schema = `${run}_${schemas.length}`;
    schemas.push(schema);
    return schema;
  };
}

/**
 * Creates the schema and returns a DATABASE_URL whose connections use it, for exporter
 * processes, which take the store's place from the URL alone.
 */
export async function databaseUrlInSchema(databaseUrl: string, schema: string): Promise<string> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  await client.query(`CREATE SCHEMA ${schema}`).finally(() => client.end());
  const url = new URL(databaseUrl);
  url.searchParams.set("options", `-c search_path=${schema}`);
  return url.toString();
}
