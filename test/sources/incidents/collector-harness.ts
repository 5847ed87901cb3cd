import { afterEach, beforeEach } from "vitest";
import { SelfMetrics } from "../../../src/http/self-metrics.ts";
import { silentLogger } from "../../../src/logger.ts";
import type { Collector } from "../../../src/sources/collector.ts";
import { parseConfigText } from "../../../src/sources/config-file.ts";
import { opsgenieCollector } from "../../../src/sources/incidents/opsgenie/collector.ts";
import { opsgenieConfig } from "../../../src/sources/incidents/opsgenie/config.ts";
import { runCollector } from "../../../src/sources/run-collector.ts";
import { openStore } from "../../../src/store/open.ts";
import type { Store } from "../../../src/store/store.ts";
import type { FakeServer } from "../../support/fake-incidents/http.ts";
import { type FakeOpsgenie, startFakeOpsgenie } from "../../support/fake-incidents/opsgenie.ts";
import { opsAccount } from "./ops-scenario.ts";
import { AS_OF, TEAMS } from "./scenario.ts";

// In-process collector runs for the failure tests: a fresh in-memory store and
// self-metrics per test, the fake servers it started closed after it, and the clock at
// AS_OF. Collectors run through runCollector, as `sync` and `serve` run them.

export interface Harness {
  readonly store: Store;
  readonly self: SelfMetrics;
  /** Closed after the test. */
  track<T extends FakeServer>(server: T): T;
  config(sources: string): ReturnType<typeof parseConfigText>;
  run(collector: Collector): ReturnType<typeof runCollector>;
  /** kpi_exporter_api_requests_total of one collector, by outcome. */
  outcomes(collector: string): Promise<Record<string, number>>;
  /** A fake Opsgenie holding scenario.ts, and its collector with short back-offs. */
  opsgenie(): Promise<{ fake: FakeOpsgenie; collector: Collector }>;
}

export function collectorHarness(): Harness {
  let store: Store;
  let self = new SelfMetrics();
  const servers: FakeServer[] = [];
  beforeEach(async () => {
    store = await openStore();
    self = new SelfMetrics();
  });
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
    await store.close();
  });
  const harness: Harness = {
    get store() {
      return store;
    },
    get self() {
      return self;
    },
    track(server) {
      servers.push(server);
      return server;
    },
    config: (sources) =>
      parseConfigText(`version: kpi-exporter/v1\nsources:\n${sources}\n${TEAMS}`, "test"),
    run: (collector) =>
      runCollector(collector, { store, self, logger: silentLogger, now: () => Date.parse(AS_OF) }),
    async outcomes(collector) {
      const counts: Record<string, number> = {};
      for (const s of await self.samples())
        if (s.name === "kpi_exporter_api_requests_total" && s.labels.collector === collector)
          counts[s.labels.outcome as string] = s.value;
      return counts;
    },
    async opsgenie() {
      const fake = harness.track(
        await startFakeOpsgenie({ apiKey: "k", account: opsAccount("incident") }),
      );
      const cfg = harness.config(`  opsgenie: { base_url: "${fake.url}", history_days: 90 }`);
      const source = opsgenieConfig.of(cfg);
      if (!source) throw new Error("no opsgenie source");
      const credentials = { api: "opsgenie" as const, apiKey: "k" };
      return { fake, collector: opsgenieCollector(cfg, source, credentials, { retryBaseMs: 1 }) };
    },
  };
  return harness;
}
