import { afterEach, describe, expect, it } from "vitest";
import type { CheckResult } from "../../src/domain/records.ts";
import { openStore } from "../../src/store/open.ts";
import type { Store } from "../../src/store/store.ts";
import { schemaPerStore } from "../support/pg-schemas.ts";

// A commit status's history in the store: each state a context was set to is a result of
// its own (identity: commit, name, completion instant, service), so a later red state
// stands beside the green one instead of replacing it. PGlite always; PostgreSQL when
// TEST_DATABASE_URL names a server.

const databaseUrl = process.env.TEST_DATABASE_URL;
const nextSchema = schemaPerStore(databaseUrl, "kpi_check_history");
const BACKENDS: [string, () => Promise<Store>][] = [["PGlite", () => openStore({})]];
if (databaseUrl)
  BACKENDS.push(["PostgreSQL", () => openStore({ databaseUrl, schema: nextSchema() })]);

const SHA = "7d9c1f0e4b2a8c6d5e3f1a0b9c8d7e6f5a4b3c2d";
const status = (conclusion: string, at: string): CheckResult => ({
  commitSha: SHA,
  name: "ci/build",
  conclusion,
  completedAt: Date.parse(at),
  service: "ledger",
  url: `https://ci.example/${conclusion}`,
});
const GREEN = status("success", "2026-06-01T09:30:00Z");
const RED = status("failure", "2026-06-03T12:00:00Z");

let store: Store | undefined;
afterEach(() => store?.close());

describe.each(BACKENDS)("status history in the store (%s)", (_, open) => {
  it("keeps every state with its time, and a repeated state is not a new row", async () => {
    store = await open();
    expect((await store.upsert({ checks: [GREEN] })).check).toMatchObject({ written: 1 });
    expect((await store.upsert({ checks: [RED] })).check).toMatchObject({ written: 1 });
    // The poll reads the history again (green and red): both are already stored.
    expect((await store.upsert({ checks: [GREEN, RED] })).check).toEqual({
      written: 0,
      unchanged: 2,
    });
    const stored = (await store.load()).checks.map((c) => [c.conclusion, c.completedAt]);
    expect(stored).toEqual([
      ["success", GREEN.completedAt],
      ["failure", RED.completedAt],
    ]);
  });
});
