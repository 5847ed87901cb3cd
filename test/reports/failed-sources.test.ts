import { afterEach, expect, test } from "vitest";
import { SelfMetrics } from "../../src/http/self-metrics.ts";
import { silentLogger } from "../../src/logger.ts";
import { runCollector } from "../../src/sources/run-collector.ts";
import { openStore } from "../../src/store/open.ts";
import type { Store } from "../../src/store/store.ts";

// Failed collector runs are kept per collector and UTC day, so a quarterly report can list
// the sources that failed in the quarter.

let store: Store | undefined;
afterEach(async () => {
  await store?.close();
  store = undefined;
});

const at = (iso: string) => Date.parse(iso);

test("a failed run is recorded at the collector's clock; a successful one is not", async () => {
  store = await openStore({});
  let now = at("2026-08-02T10:00:00Z");
  const deps = { store, self: new SelfMetrics(), logger: silentLogger, now: () => now };
  const failing = {
    name: "github",
    intervalMs: 60_000,
    run: async () => {
      throw new Error("502 from api.github.com after 3 tries");
    },
  };
  const working = { ...failing, name: "focus", run: async () => ({ written: 0, summary: "" }) };
  expect((await runCollector(failing, deps)).ok).toBe(false);
  now = at("2026-08-02T23:30:00Z");
  await runCollector(failing, deps);
  now = at("2026-08-03T00:10:00Z");
  await runCollector(failing, deps);
  await runCollector(working, deps);
  expect(await store.collectorFailures.between(at("2026-07-01"), at("2026-10-01"))).toEqual([
    {
      collector: "github",
      day: "2026-08-02",
      failures: 2,
      firstFailedAt: at("2026-08-02T10:00:00Z"),
      lastFailedAt: at("2026-08-02T23:30:00Z"),
      lastError: "502 from api.github.com after 3 tries",
    },
    {
      collector: "github",
      day: "2026-08-03",
      failures: 1,
      firstFailedAt: at("2026-08-03T00:10:00Z"),
      lastFailedAt: at("2026-08-03T00:10:00Z"),
      lastError: "502 from api.github.com after 3 tries",
    },
  ]);
  expect(await store.collectorFailures.between(at("2026-08-03"), at("2026-08-04"))).toHaveLength(1);
  expect(await store.collectorFailures.between(at("2026-09-01"), at("2026-10-01"))).toEqual([]);
});

test("a store that cannot record the failure does not make the run throw", async () => {
  store = await openStore({});
  const broken = {
    ...store,
    collectorFailures: {
      record: () => Promise.reject(new Error("disk full")),
      between: () => Promise.resolve([]),
    },
  };
  const warnings: string[] = [];
  const logger = { ...silentLogger, warn: (message: string) => void warnings.push(message) };
  const outcome = await runCollector(
    { name: "x", intervalMs: 1, run: () => Promise.reject(new Error("boom")) },
    { store: broken, self: new SelfMetrics(), logger, now: () => 0 },
  );
  expect(outcome).toMatchObject({ ok: false, error: "boom" });
  expect(warnings).toEqual(["could not record the failed run"]);
});
