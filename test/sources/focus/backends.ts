import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, afterEach } from "vitest";
import { openStore } from "../../../src/store/open.ts";
import type { Store } from "../../../src/store/store.ts";

// The stores a cost test runs against: PGlite always, PostgreSQL too when
// TEST_DATABASE_URL names a server (a schema per store, dropped when the file ends).

const databaseUrl = process.env.TEST_DATABASE_URL;
const run = `kpi_focus_test_${randomBytes(4).toString("hex")}`;
const schemas: string[] = [];
const opened: Store[] = [];

export interface Backend {
  name: string;
  open(): Promise<Store>;
}

export const BACKENDS: Backend[] = [
  { name: "PGlite", open: () => remember(openStore({})) },
  ...(databaseUrl
    ? [
        {
          name: "PostgreSQL",
          open: () => {
            const schema = `${run}_${schemas.length}`;
            schemas.push(schema);
            return remember(openStore({ databaseUrl, schema }));
          },
        },
      ]
    : []),
];

async function remember(store: Promise<Store>): Promise<Store> {
  const opening = await store;
  opened.push(opening);
  return opening;
}

afterEach(async () => {
  await Promise.all(opened.splice(0).map((store) => store.close()));
});

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
