import { describe, expect, it } from "vitest";
import { importLines } from "../../src/import/index.ts";
import { storeBackends } from "../support/store-backends.ts";
import { testConfig } from "./helpers.ts";

// The evidence ledger files each compliance policy version under `policy:<scope>`, in the
// column that otherwise names a deployment: a deployment with such an id would be read as
// a policy's subject (METRICS.md decision 132), so the import refuses it by line.
// On PGlite, and on PostgreSQL when TEST_DATABASE_URL is set.

const BACKENDS = storeBackends("kpi_reserved_ids_test");

const line = (id: string) =>
  JSON.stringify({
    kind: "deployment",
    id,
    service: "checkout",
    environment: "production",
    finishedAt: "2026-06-01T10:00:00Z",
    commitSha: "abc1234",
  });

describe.each(BACKENDS)("deployment ids reserved by the ledger ($name)", (backend) => {
  it("rejects policy:organisation by line and stores the other deployments", async () => {
    const store = await backend.open();
    const lines = [line("d1"), line("policy:organisation"), line("policy-d2")];
    const report = await importLines(lines, "events.ndjson", { store, config: testConfig() });
    expect(report.rejected).toEqual([
      expect.objectContaining({
        line: 2,
        kind: "deployment",
        field: "id",
        code: "invalid_field",
        message:
          'id: must not start with "policy:" (reserved for the evidence ledger\'s policy records)',
      }),
    ]);
    const stored = await store.load();
    expect(stored.deployments.map((d) => d.id)).toEqual(["d1", "policy-d2"]);
  });
});
