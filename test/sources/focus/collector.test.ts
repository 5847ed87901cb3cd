import { mkdir, utimes, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import type { CostRow } from "../../../src/domain/records.ts";
import { SelfMetrics } from "../../../src/http/self-metrics.ts";
import { silentLogger } from "../../../src/logger.ts";
import { parseConfig } from "../../../src/sources/config-file.ts";
import { focusCollector } from "../../../src/sources/focus/collector.ts";
import { focusSourceSchema } from "../../../src/sources/focus/config.ts";
import { runCollector } from "../../../src/sources/run-collector.ts";
import type { Store } from "../../../src/store/store.ts";
import { BACKENDS } from "./backends.ts";
import { FOCUS_10, type FocusRow, focusCsv, tmpDir, usage } from "./files.ts";

// The directory source over an export folder as providers fill it: files re-delivered in
// place or in a new run folder restate the days they hold, unchanged files are skipped,
// and one bad file fails the run without costing the others their rows.

const catalogue = (tags: Record<string, string>) =>
  parseConfig({
    version: "kpi-exporter/v1",
    currency: "USD",
    teams: [{ name: "web", services: [{ name: "shop", cost_selectors: { tags } }] }],
  });
const SHOP = { Tags: '{"app":"shop"}' };
const OTHER = { Tags: '{"app":"other"}' };

async function exportFile(dir: string, name: string, rows: FocusRow[], minute: number) {
  const path = join(dir, name);
  await mkdir(join(path, ".."), { recursive: true });
  await writeFile(path, focusCsv(FOCUS_10, rows));
  // Deliveries a minute apart, so "newer" never rests on the file system's clock resolution.
  const at = new Date(Date.UTC(2024, 9, 1, 0, minute));
  await utimes(path, at, at);
}

async function sync(store: Store, directory: string, config = catalogue({ app: "shop" })) {
  const collector = focusCollector(config, focusSourceSchema.parse({ directory }));
  const log: string[] = [];
  const logger = {
    ...silentLogger,
    info: (_: string, f?: Record<string, unknown>) => log.push(String(f?.summary)),
  };
  const outcome = await runCollector(collector, {
    store,
    self: new SelfMetrics(),
    logger,
    now: Date.now,
  });
  return { ...outcome, summary: log[0] };
}

async function totals(store: Store) {
  const by = (costs: CostRow[], service: string | undefined) =>
    costs.filter((c) => c.service === service).reduce((sum, c) => sum + c.amount, 0);
  const { costs } = await store.load();
  return { shop: by(costs, "shop"), none: by(costs, undefined) };
}

describe.each(BACKENDS)("the FOCUS directory source on $name", (backend) => {
  test("re-deliveries replace what they restate; unchanged files are not read again", async () => {
    const store = await backend.open();
    const dir = await tmpDir();
    const first = [
      usage("2024-09-01", 0, 10, SHOP),
      usage("2024-09-01", 1, 5, OTHER),
      usage("2024-09-02", 0, 4, SHOP),
    ];
    await exportFile(dir, "2024-09/run-1/part-0.csv", first, 1);
    expect(await sync(store, dir)).toMatchObject({ ok: true, summary: "1 of 1 exports read" });
    expect(await totals(store)).toEqual({ shop: 14, none: 5 });

    const again = await sync(store, dir);
    expect(again).toMatchObject({ ok: true, written: 0, summary: "0 of 1 exports read" });

    // Rewritten in place for Sep 1 only: the unattributed 5 is gone, Sep 2 is not restated.
    await exportFile(dir, "2024-09/run-1/part-0.csv", [usage("2024-09-01", 0, 12, SHOP)], 2);
    await sync(store, dir);
    expect(await totals(store)).toEqual({ shop: 16, none: 0 });

    // A new run folder delivers the same file name again, restating both days.
    const rerun = [usage("2024-09-01", 0, 1, SHOP), usage("2024-09-02", 0, 2, SHOP)];
    await exportFile(dir, "2024-09/run-2/part-0.csv", rerun, 3);
    expect(await sync(store, dir)).toMatchObject({ summary: "1 of 2 exports read" });
    expect(await totals(store)).toEqual({ shop: 3, none: 0 });

    // Another part of the export adds to the same days.
    await exportFile(dir, "2024-09/run-2/part-1.csv", [usage("2024-09-02", 5, 8, OTHER)], 4);
    await sync(store, dir);
    expect(await totals(store)).toEqual({ shop: 3, none: 8 });

    // A fresh store reads the folder oldest first, so it ends where the first one did.
    const fresh = await backend.open();
    await sync(fresh, dir);
    expect(await totals(fresh)).toEqual({ shop: 3, none: 8 });
  }, 60_000);

  test("a catalogue change reads every file again and moves the cost", async () => {
    const store = await backend.open();
    const dir = await tmpDir();
    await exportFile(
      dir,
      "part-0.csv",
      [usage("2024-09-01", 0, 10, SHOP), usage("2024-09-01", 1, 5, OTHER)],
      1,
    );
    await sync(store, dir);
    expect(await totals(store)).toEqual({ shop: 10, none: 5 });
    const moved = await sync(store, dir, catalogue({ app: "other" }));
    expect(moved.summary).toBe("1 of 1 exports read");
    expect(await totals(store)).toEqual({ shop: 5, none: 10 });
  }, 60_000);

  test("a file that is not FOCUS fails the run, naming it; the other files are stored", async () => {
    const store = await backend.open();
    const dir = await tmpDir();
    await exportFile(dir, "good.csv", [usage("2024-09-01", 0, 10, SHOP)], 1);
    await writeFile(join(dir, "notes.csv"), "owner,comment\nme,hello\n");
    const outcome = await sync(store, dir);
    expect(outcome.ok).toBe(false);
    expect(outcome.error).toMatch(
      /^1 of 2 FOCUS exports failed: notes\.csv: not a FOCUS 1\.0–1\.3 cost and usage export: missing columns EffectiveCost, BillingCurrency, ChargePeriodStart, ChargePeriodEnd, ServiceCategory, BillingAccountId, ProviderName or ServiceProviderName$/,
    );
    expect(await totals(store)).toEqual({ shop: 10, none: 0 });
  }, 60_000);

  test("rejected rows are logged and counted per reason; the rest of the file is stored", async () => {
    const store = await backend.open();
    const dir = await tmpDir();
    const yen = usage("2024-09-01", 1, 500, { BillingCurrency: "JPY" });
    await exportFile(dir, "part-0.csv", [usage("2024-09-01", 0, 10, SHOP), yen, yen], 1);
    const warnings: string[] = [];
    const counted: [string, string, number | undefined][] = [];
    const collector = focusCollector(
      catalogue({ app: "shop" }),
      focusSourceSchema.parse({ directory: dir }),
    );
    const report = await collector.run({
      store,
      logger: {
        ...silentLogger,
        warn: (_: string, f?: Record<string, unknown>) => warnings.push(`${f?.at} ${f?.reason}`),
      },
      api: { request() {}, rateLimitRemaining() {} },
      now: Date.now,
      ...{
        rejected: (kind: string, reason: string, n?: number) => counted.push([kind, reason, n]),
      },
    });
    expect(report.summary).toBe("1 of 1 exports read, 2 rows rejected");
    expect(warnings).toEqual([
      "part-0.csv:3 BillingCurrency: no currency_rates entry converts JPY to USD",
      "part-0.csv:4 BillingCurrency: no currency_rates entry converts JPY to USD",
    ]);
    expect(counted).toEqual([["cost", "unknown_currency", 2]]);
    expect(await totals(store)).toEqual({ shop: 10, none: 0 });
  }, 60_000);
});
