import { afterAll, beforeAll, expect, test } from "vitest";
import { SelfMetrics } from "../../../src/http/self-metrics.ts";
import { silentLogger } from "../../../src/logger.ts";
import type { Collector } from "../../../src/sources/collector.ts";
import { parseConfig } from "../../../src/sources/config-file.ts";
import { configuredCollectors } from "../../../src/sources/index.ts";
import { runCollector } from "../../../src/sources/run-collector.ts";
import { openStore } from "../../../src/store/open.ts";
import { type FakeGrowthbook, startFakeGrowthbook } from "../../support/fake-growthbook.ts";

// The collector as the scheduler runs it: what it counts in the self-metrics, and what
// stops it at start. Changes are stored first so experiments resolve to them.

const KEY = "secret_abc123DEF456";
let fake: FakeGrowthbook;
beforeAll(async () => {
  fake = await startFakeGrowthbook({ apiKey: KEY });
});
afterAll(async () => {
  await fake?.close();
});

const config = (growthbook: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  parseConfig({
    version: "kpi-exporter/v1",
    currency: "USD",
    sources: { growthbook: { base_url: fake.url, ...growthbook } },
    teams: [
      { name: "payments", services: [{ name: "checkout", repositories: ["acme/checkout"] }] },
    ],
    ...extra,
  });

test("a failed sample-ratio check is counted as a rejected experiment; 429 and 304 as API outcomes", async () => {
  const store = await openStore({});
  try {
    await store.upsert({
      changes: [
        {
          id: "acme/checkout#311",
          service: "checkout",
          mergedAt: 0,
          labels: [],
          commits: [],
          linkedItems: [],
          approvals: [],
        },
      ],
    });
    // address-autocomplete fails the sample-ratio check; the config links it by bare #311.
    const [collector] = configuredCollectors(
      config({ revenue_metrics: ["met_revenue"], links: { "address-autocomplete": "#311" } }),
      { GROWTHBOOK_API_KEY: KEY },
    );
    const self = new SelfMetrics({ version: "test" });
    fake.rateLimit(/\/experiments$/, 1);
    const deps = {
      store,
      self,
      logger: silentLogger,
      now: () => Date.parse("2026-06-30T00:00:00Z"),
    };
    expect((await runCollector(collector as Collector, deps)).ok).toBe(true);
    await runCollector(collector as Collector, deps);
    const samples = await self.samples();
    const value = (name: string, labels: Record<string, string>) =>
      samples.find(
        (s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v),
      )?.value;
    // One SRM failure per run.
    expect(
      value("kpi_exporter_rejected_records_total", {
        kind: "experiment",
        reason: "sample_ratio_mismatch",
      }),
    ).toBe(2);
    expect(
      value("kpi_exporter_api_requests_total", {
        collector: "growthbook",
        outcome: "rate_limited",
      }),
    ).toBe(1);
    expect(
      value("kpi_exporter_api_requests_total", {
        collector: "growthbook",
        outcome: "not_modified",
      }),
    ).toBeGreaterThan(0);
  } finally {
    await store.close();
  }
});

test("a configured source without its key, or with a currency that has no rate, fails at start", () => {
  expect(() => configuredCollectors(config({}), {})).toThrow(
    "sources.growthbook is configured but GROWTHBOOK_API_KEY (or _FILE) is not set",
  );
  expect(() =>
    configuredCollectors(config({ currency: "GBP" }), { GROWTHBOOK_API_KEY: KEY }),
  ).toThrow("sources.growthbook.currency GBP: no currency_rates entry converts it to USD");
});
