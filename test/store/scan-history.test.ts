import { afterEach, describe, expect, test } from "vitest";
import { migrate } from "../../src/store/migrations.ts";
import { type OpenStoreOptions, openStore } from "../../src/store/open.ts";
import { openPglite } from "../../src/store/pglite-connection.ts";
import type { ScanWrite } from "../../src/store/scan-history.ts";
import { createSqlStore } from "../../src/store/sql-store.ts";
import type { Store } from "../../src/store/store.ts";
import { schemaPerStore } from "../support/pg-schemas.ts";

// Scanner scan history (migration 4) on PGlite, and on PostgreSQL when TEST_DATABASE_URL
// names a server: stored with the records it explains, read back per series in time order.

const databaseUrl = process.env.TEST_DATABASE_URL;

const scan = (
  id: string,
  at: string,
  keys: string[],
  series = "trivy:image:acme/api",
): ScanWrite => ({
  service: "api",
  series,
  id,
  scannedAt: Date.parse(at),
  source: `${id}.json`,
  findings: keys.map((key) => ({ key, severity: "high" as const })),
  findingSet: `set-${keys.join("+")}`,
});
const finding = {
  id: "f1",
  service: "api",
  severity: "high" as const,
  openedAt: Date.parse("2026-06-01T00:00:00Z"),
};

function defineScanHistorySuite(fresh: () => OpenStoreOptions) {
  const opened: Store[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((s) => s.close()));
  });
  const open = async () => {
    const store = await openStore(fresh());
    opened.push(store);
    return store;
  };

  test("scans come back per series, oldest first, with their findings", async () => {
    const store = await open();
    await store.upsert(
      { vulnerabilities: [finding] },
      { scans: [scan("b", "2026-06-05T00:00:00Z", ["x"])] },
    );
    await store.upsert({}, { scans: [scan("a", "2026-06-01T00:00:00Z", ["x", "y"])] });
    await store.upsert({}, { scans: [scan("c", "2026-06-02T00:00:00Z", [], "sarif:CodeQL")] });
    const scans = await store.scans("api", "trivy:image:acme/api");
    expect(
      scans.map((s) => [s.id, new Date(s.scannedAt).toISOString(), s.findings.map((f) => f.key)]),
    ).toEqual([
      ["a", "2026-06-01T00:00:00.000Z", ["x", "y"]],
      ["b", "2026-06-05T00:00:00.000Z", ["x"]],
    ]);
    expect(await store.scans("other", "trivy:image:acme/api")).toEqual([]);
  });

  test("a scan stored again keeps its first record; a failed upsert stores no scan", async () => {
    const store = await open();
    await store.upsert({}, { scans: [scan("a", "2026-06-01T00:00:00Z", ["x"])] });
    await store.upsert(
      {},
      { scans: [{ ...scan("a", "2026-06-09T00:00:00Z", ["x"]), source: "copy.json" }] },
    );
    expect((await store.scans("api", "trivy:image:acme/api")).map((s) => s.source)).toEqual([
      "a.json",
    ]);
    const bad = { ...finding, severity: "bogus" } as never;
    await expect(
      store.upsert(
        { vulnerabilities: [bad] },
        { scans: [scan("b", "2026-06-02T00:00:00Z", ["y"])] },
      ),
    ).rejects.toThrow();
    expect(await store.scans("api", "trivy:image:acme/api")).toHaveLength(1);
  });
}

test("identical finding sets are stored once", async () => {
  const db = await openPglite();
  await migrate(db);
  const store = createSqlStore(db);
  try {
    await store.upsert(
      {},
      {
        scans: [scan("a", "2026-06-01T00:00:00Z", ["x"]), scan("b", "2026-06-02T00:00:00Z", ["x"])],
      },
    );
    const [row] = await db.query<{ n: number }>(
      "SELECT count(*)::integer AS n FROM scan_finding_sets",
    );
    expect(row?.n).toBe(1);
    expect(await store.scans("api", "trivy:image:acme/api")).toHaveLength(2);
  } finally {
    await store.close();
  }
});

describe("scan history on PGlite", () => {
  defineScanHistorySuite(() => ({}));
});

describe.skipIf(!databaseUrl)("scan history on PostgreSQL", () => {
  const nextSchema = schemaPerStore(databaseUrl, "kpi_scans_test");
  defineScanHistorySuite(() => ({ databaseUrl, schema: nextSchema() }));
});
