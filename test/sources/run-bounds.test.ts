import { describe, expect, it } from "vitest";
import { defaultConfig } from "../../src/config/load.ts";
import { SelfMetrics } from "../../src/http/self-metrics.ts";
import { silentLogger } from "../../src/logger.ts";
import type { Collector } from "../../src/sources/collector.ts";
import { DEFAULT_RUN_TIMEOUT_MS, runTimeouts } from "../../src/sources/run-bounds.ts";
import { runCollector } from "../../src/sources/run-collector.ts";
import { DEFAULT_REQUEST_TIMEOUT_MS } from "../../src/sources/upstream-fetch.ts";
import type { Store } from "../../src/store/store.ts";

// A run out of time is reported failed only once it has wound down (within the grace):
// the scheduler must not start the next run, nor close the store, under one still writing.

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const store = { collectorFailures: { record: async () => {} } } as unknown as Store;

describe("a collector run past its timeout", () => {
  it("fails with the timeout's reason after its last write, not before", async () => {
    const steps: string[] = [];
    const slow: Collector = {
      name: "slow",
      intervalMs: 60_000,
      async run() {
        await sleep(300);
        steps.push("cursor written");
        return { written: 1, summary: "" };
      },
    };
    const outcome = await runCollector(slow, {
      store,
      self: new SelfMetrics(),
      logger: silentLogger,
      now: Date.now,
      timeouts: { requestMs: 1_000, runMs: 50 },
    });
    steps.push("reported");
    expect(outcome).toMatchObject({
      ok: false,
      error: "the run took longer than 0.05 s (collector_timeouts.run)",
    });
    expect(steps).toEqual(["cursor written", "reported"]);
  });
});

describe("the timeouts without a config", () => {
  it("are the config schema's defaults, so a collector run alone is bounded alike", () => {
    expect(runTimeouts(defaultConfig())).toEqual({
      requestMs: DEFAULT_REQUEST_TIMEOUT_MS,
      runMs: DEFAULT_RUN_TIMEOUT_MS,
    });
  });
});
