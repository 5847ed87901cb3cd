import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { CostRow } from "../../../src/domain/records.ts";
import { SelfMetrics } from "../../../src/http/self-metrics.ts";
import { silentLogger } from "../../../src/logger.ts";
import { parseConfig } from "../../../src/sources/config-file.ts";
import { opencostCollector } from "../../../src/sources/opencost/collector.ts";
import { opencostSourceSchema } from "../../../src/sources/opencost/config.ts";
import { runCollector } from "../../../src/sources/run-collector.ts";
import { openStore } from "../../../src/store/open.ts";
import type { Store } from "../../../src/store/store.ts";
import { type FakeOpenCost, startFakeOpenCost } from "./fake-opencost.ts";

// The OpenCost source against a local OpenCost over real HTTP: a day per request, the
// amortised net cost attributed by labels, account and provider id, converted to the
// reporting currency, each day restated when read again.

const NOW = Date.parse("2024-10-03T12:00:00Z");
const config = parseConfig({
  version: "kpi-exporter/v1",
  currency: "EUR",
  currency_rates: { USD: 0.5 },
  teams: [
    {
      name: "web",
      services: [
        { name: "shop", cost_selectors: { tags: { app: "shop" } } },
        { name: "billing", cost_selectors: { sub_accounts: ["proj-billing"] } },
        { name: "runners", cost_selectors: { resource_prefixes: ["gke-runners-"] } },
      ],
    },
  ],
});

let fake: FakeOpenCost;
let store: Store;
beforeAll(async () => {
  fake = await startFakeOpenCost();
  store = await openStore({});
});
afterAll(async () => {
  await store.close();
  await fake.close();
});

async function sync(source: Partial<{ window: string; currency: string }> = {}) {
  const collector = opencostCollector(
    config,
    opencostSourceSchema.parse({ base_url: fake.url, window: "3d", ...source }),
  );
  const self = new SelfMetrics();
  const outcome = await runCollector(collector, {
    store,
    self,
    logger: silentLogger,
    now: () => NOW,
  });
  const requests = (await self.samples())
    .filter(
      (s) => s.name === "kpi_exporter_api_requests_total" && s.labels.collector === "opencost",
    )
    .map((s) => [s.labels.outcome, s.value]);
  return { ...outcome, requests: Object.fromEntries(requests) };
}

async function byService(day: string) {
  const start = Date.parse(`${day}T00:00:00Z`);
  const costs = (await store.load()).costs.filter((c: CostRow) => c.periodStart === start);
  const sums: Record<string, number> = {};
  for (const c of costs) sums[c.service ?? "-"] = (sums[c.service ?? "-"] ?? 0) + c.amount;
  return sums;
}

describe("OpenCost /cloudCost source", () => {
  test("reads each day of the window and maps items onto attributed day rows", async () => {
    fake.days.set("2024-10-01", [
      { labels: { app: "shop" }, accountID: "proj-web", amortizedNetCost: 2.5 },
      { accountID: "proj-billing", service: "Cloud SQL", amortizedNetCost: 4 },
      { providerID: "gke-runners-pool-1-abcd", amortizedNetCost: 1 },
      { service: "Networking", category: "Network", amortizedNetCost: 0.75 },
    ]);
    fake.days.set("2024-10-03", [{ labels: { app: "shop" }, amortizedNetCost: 6 }]);
    const outcome = await sync();
    expect(outcome).toMatchObject({ ok: true, requests: { ok: 3 } });
    expect(
      fake.requests.map((u) => [
        u.pathname,
        u.searchParams.get("window"),
        u.searchParams.get("accumulate"),
      ]),
    ).toEqual([
      ["/cloudCost", "2024-10-01T00:00:00Z,2024-10-02T00:00:00Z", "day"],
      ["/cloudCost", "2024-10-02T00:00:00Z,2024-10-03T00:00:00Z", "day"],
      ["/cloudCost", "2024-10-03T00:00:00Z,2024-10-04T00:00:00Z", "day"],
    ]);
    // amortizedNetCost in USD at 0.5 EUR; the unlabelled network item stays unattributed.
    expect(await byService("2024-10-01")).toEqual({
      shop: 1.25,
      billing: 2,
      runners: 0.5,
      "-": 0.375,
    });
    expect(await byService("2024-10-02")).toEqual({});
    expect(await byService("2024-10-03")).toEqual({ shop: 3 });
    const costs = (await store.load()).costs;
    expect(costs.every((c) => c.category === "cloud" && c.originalCurrency === "USD")).toBe(true);
  });

  test("a day read again is restated: changed items replace, vanished ones drop to zero", async () => {
    fake.days.set("2024-10-01", [{ labels: { app: "shop" }, amortizedNetCost: 3 }]);
    const outcome = await sync();
    expect(outcome.ok).toBe(true);
    // The three vanished items are stored as zero, unattributed (their services may be gone).
    expect(await byService("2024-10-01")).toEqual({ shop: 1.5, "-": 0 });
    const again = await sync();
    expect(again.written).toBe(0);
  });

  test("a failing day fails the run, naming the day; the other days are stored", async () => {
    fake.days.set("2024-10-03", [{ labels: { app: "shop" }, amortizedNetCost: 10 }]);
    fake.failing.set("2024-10-02", 500);
    const outcome = await sync();
    fake.failing.clear();
    expect(outcome.ok).toBe(false);
    expect(outcome.error).toMatch(
      /^1 of 3 days from OpenCost failed: 2024-10-02: GET \/cloudCost for 2024-10-02: HTTP 500/,
    );
    expect(outcome.requests).toEqual({ ok: 2, error: 1 });
    expect(await byService("2024-10-03")).toEqual({ shop: 5 });
  });

  test("an item without the documented shape is named with its field; the day is not stored", async () => {
    fake.raw.set("2024-10-03", {
      "proj/x/0": {
        properties: {},
        window: { start: "2024-10-03T00:00:00Z", end: "2024-10-04T00:00:00Z" },
      },
    });
    const outcome = await sync();
    fake.raw.clear();
    expect(outcome.error).toContain('2024-10-03: cloud cost item "proj/x/0": amortizedNetCost:');
    expect(await byService("2024-10-03")).toEqual({ shop: 5 });
  });

  test("a billing currency without a rate fails the run before any request", async () => {
    const before = fake.requests.length;
    const outcome = await sync({ currency: "JPY" });
    expect(outcome.error).toBe(
      "sources.opencost.currency JPY: no currency_rates entry converts it to EUR",
    );
    expect(fake.requests.length).toBe(before);
  });
});
