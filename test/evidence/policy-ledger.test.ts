import { describe, test } from "vitest";
import { openStore } from "../../src/store/open.ts";
import { schemaPerStore } from "../support/pg-schemas.ts";
import { definePolicyScopeSuite } from "./policy-ledger-scope-suite.ts";
import { definePolicyLedgerSuite } from "./policy-ledger-suite.ts";

// Policy records and re-judgement on PGlite always, and on PostgreSQL when
// TEST_DATABASE_URL names a server (required under CI).

const databaseUrl = process.env.TEST_DATABASE_URL;

describe("policy ledger on PGlite", () => {
  definePolicyLedgerSuite(() => openStore());
  definePolicyScopeSuite(() => openStore());
});

if (!databaseUrl && process.env.CI === "true")
  test("policy ledger on PostgreSQL", () => {
    throw new Error("TEST_DATABASE_URL is required under CI");
  });

describe.skipIf(!databaseUrl)("policy ledger on PostgreSQL", () => {
  const nextSchema = schemaPerStore(databaseUrl, "kpi_policy_ledger_test");
  definePolicyLedgerSuite(() => openStore({ databaseUrl, schema: nextSchema() }));
  definePolicyScopeSuite(() => openStore({ databaseUrl, schema: nextSchema() }));
});
