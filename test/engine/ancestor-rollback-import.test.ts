// Rollback to an ancestor from the two import paths, end to end: NDJSON lines and CDEvents
// into a real store (PGlite, and PostgreSQL when TEST_DATABASE_URL is set), then the KPIs
// computed from what the store loads (METRICS.md decisions 135 and 136).
// Three production deployments of checkout one day apart: d0 (commit A), d1 (B), then r
// (C, never deployed, behind B). r rolls d1 back: 7d change failure ratio = rework ratio =
// 1/3 (d1 and r of 3), recovery = r − d1 = 1 day. Without the ancestry, all three are 0.
import { describe, expect, it } from "vitest";
import { toEngineConfig } from "../../src/config/engine-config.ts";
import { computeSnapshot } from "../../src/engine/snapshot.ts";
import { importBody, importFiles } from "../../src/sources/import-events.ts";
import type { Store } from "../../src/store/store.ts";
import { ndjson, testConfig, tmpFile } from "../import/helpers.ts";
import { cdevent } from "../sources/cdevents/events.ts";
import { storeBackends } from "../support/store-backends.ts";
import { AS_OF, DAY, expectRows, M, ms, rows } from "./helpers.ts";

const BACKENDS = storeBackends("kpi_ancestry_test");

const CONFIG = testConfig();
const [A, B, C] = ["a", "b", "c"].map((x) => x.repeat(40)) as [string, string, string];
const DAYS = ["2026-06-24T00:00:00Z", "2026-06-25T00:00:00Z", "2026-06-26T00:00:00Z"];

async function kpisOf(store: Store) {
  return computeSnapshot(await store.load(), toEngineConfig(CONFIG), ms(AS_OF));
}

function expectRolledBack(snap: ReturnType<typeof computeSnapshot>, rolledBack: boolean) {
  const ratio = rolledBack ? 1 / 3 : 0;
  expectRows(snap, [
    ...rows(M.total, undefined, { checkout: 3 }, { environment: "production" }),
    ...rows(M.cfr, "7d", { org: ratio, checkout: ratio }),
    ...rows(M.rework, "7d", { org: ratio, checkout: ratio }),
    ...rows(M.recovery, "7d", { checkout: rolledBack ? DAY : undefined }, { quantile: "0.5" }),
  ]);
}

const line = (id: string, at: string, commitSha: string, extra: object = {}) => ({
  kind: "deployment",
  id,
  service: "checkout",
  environment: "production",
  finishedAt: at,
  commitSha,
  ...extra,
});

const event = (predicate: string, id: string, at: string, sha: string, kpi?: object) =>
  cdevent(
    `service.${predicate}.0.3.0`,
    {
      id: "checkout",
      content: {
        environment: { id: "production" },
        artifactId: `pkg:github/acme/checkout@${sha}`,
      },
    },
    { id, timestamp: at, customData: kpi && { kpi } },
  );

describe.each(BACKENDS)("rollback to an ancestor, imported ($name)", (backend) => {
  const store = backend.open;

  it.each([
    [true, true],
    [false, false],
  ])("NDJSON ancestorOfPrevious: %s", async (value, rolledBack) => {
    const ctx = { store: await store(), config: CONFIG };
    const text = ndjson(
      line("d0", DAYS[0] as string, A),
      line("d1", DAYS[1] as string, B),
      line("r", DAYS[2] as string, C, { ancestorOfPrevious: value }),
    );
    const report = await importFiles([await tmpFile("deployments.ndjson", text)], ctx);
    expect(report.rejected).toEqual([]);
    const stored = (await ctx.store.load()).deployments.find((d) => d.id === "r");
    expect(stored?.ancestorOfPrevious).toBe(value);
    expectRolledBack(await kpisOf(ctx.store), rolledBack);
  });

  it("NDJSON: a non-boolean ancestorOfPrevious is rejected on its line, naming the field", async () => {
    const ctx = { store: await store(), config: CONFIG };
    const text = ndjson(line("r", DAYS[2] as string, C, { ancestorOfPrevious: "yes" }));
    const report = await importFiles([await tmpFile("bad.ndjson", text)], ctx);
    expect(report.rejected).toMatchObject([
      { line: 1, kind: "deployment", field: "ancestorOfPrevious", code: "invalid_field" },
    ]);
    expect(report.rejected[0]?.message).toMatch(/expected true or false/);
  });

  it.each([
    ["service.rolledback", "rolledback", undefined, true],
    ["service.rolledback with customData.kpi.ancestorOfPrevious false", "rolledback", false, false],
    ["service.deployed with customData.kpi.ancestorOfPrevious true", "deployed", true, true],
    ["service.deployed alone", "deployed", undefined, false],
  ])("CDEvents: %s", async (_name, predicate, kpi, rolledBack) => {
    const ctx = { store: await store(), config: CONFIG };
    const body = JSON.stringify([
      event("deployed", "run-1", DAYS[0] as string, A),
      event("deployed", "run-2", DAYS[1] as string, B),
      event(
        predicate,
        "run-3",
        DAYS[2] as string,
        C,
        kpi === undefined ? undefined : { ancestorOfPrevious: kpi },
      ),
    ]);
    const report = await importBody(body, ctx);
    expect(report.rejected).toEqual([]);
    expect(report.accepted).toMatchObject({ deployment: 3 });
    expectRolledBack(await kpisOf(ctx.store), rolledBack);
  });
});
