import { describe, test } from "vitest";
import { openStore } from "../../src/store/open.ts";
import { schemaPerStore } from "../support/pg-schemas.ts";
import { defineLedgerGapsSuite } from "./ledger-gaps-suite.ts";
import { defineLedgerHealthSuite } from "./ledger-health-suite.ts";

// Ledger against store, and the ledger's health, on PGlite always and on PostgreSQL when
// TEST_DATABASE_URL names a server (required under CI).

const databaseUrl = process.env.TEST_DATABASE_URL;

describe("ledger and store on PGlite", () => {
  defineLedgerGapsSuite(() => openStore());
  defineLedgerHealthSuite(() => openStore());
});

if (!databaseUrl && process.env.CI === "true")
  test("ledger and store on PostgreSQL", () => {
    throw new Error("TEST_DATABASE_URL is required under CI");
  });

describe.skipIf(!databaseUrl)("ledger and store on PostgreSQL", () => {
  const nextSchema = schemaPerStore(databaseUrl, "kpi_ledger_gaps_test");
  const open = () => openStore({ databaseUrl, schema: nextSchema() });
  defineLedgerGapsSuite(open);
  defineLedgerHealthSuite(open);
});
