import { afterEach } from "vitest";
import { openStore } from "../../../src/store/open.ts";
import type { Store } from "../../../src/store/store.ts";
import { schemaPerStore } from "../../support/pg-schemas.ts";

// The stores a cost test runs against: PGlite always, PostgreSQL too when
// TEST_DATABASE_URL names a server (a schema per store, dropped when the file ends).

const databaseUrl = process.env.TEST_DATABASE_URL;
const nextSchema = schemaPerStore(databaseUrl, "kpi_focus_test");
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
          open: () => remember(openStore({ databaseUrl, schema: nextSchema() })),
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
