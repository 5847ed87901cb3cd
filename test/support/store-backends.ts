import { afterEach } from "vitest";
import { openStore } from "../../src/store/open.ts";
import type { Store } from "../../src/store/store.ts";
import { schemaPerStore } from "./pg-schemas.ts";

// The stores a test file runs on: PGlite always, PostgreSQL (a fresh schema per store)
// when TEST_DATABASE_URL is set. Every store opened is closed after its test.

export interface StoreBackend {
  name: string;
  open(): Promise<Store>;
}

export function storeBackends(schemaPrefix: string): StoreBackend[] {
  const databaseUrl = process.env.TEST_DATABASE_URL;
  const nextSchema = schemaPerStore(databaseUrl, schemaPrefix);
  const opened: Store[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()));
  });
  const tracked = async (opening: Promise<Store>) => {
    const store = await opening;
    opened.push(store);
    return store;
  };
  return [
    { name: "PGlite", open: () => tracked(openStore({})) },
    ...(databaseUrl
      ? [
          {
            name: "PostgreSQL",
            open: () => tracked(openStore({ databaseUrl, schema: nextSchema() })),
          },
        ]
      : []),
  ];
}
