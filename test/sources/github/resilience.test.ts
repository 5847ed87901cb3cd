import { afterEach, beforeEach, expect, test } from "vitest";
import { SelfMetrics } from "../../../src/http/self-metrics.ts";
import { silentLogger as quiet } from "../../../src/logger.ts";
import { parseConfigText } from "../../../src/sources/config-file.ts";
import { githubCollector } from "../../../src/sources/github/collector.ts";
import { githubConfig } from "../../../src/sources/github/config.ts";
import { runCollector } from "../../../src/sources/run-collector.ts";
import { openStore } from "../../../src/store/open.ts";
import type { Store } from "../../../src/store/store.ts";
import { type FakeGitHub, startFakeGitHub } from "../../support/fake-github/index.ts";
import { e2eOrg } from "./e2e-org.ts";

// Rate limits, server errors and conditional requests as the collector meets them over
// real HTTP: waits honoured, 5xx retried, a repository that cannot finish stores nothing
// and moves no cursor while the others are kept, and every call is counted by outcome.

let fake: FakeGitHub;
let store: Store;

beforeEach(async () => {
  const org = e2eOrg();
  const other = structuredClone(org.repos[0]);
  // ledger's deploy branch is unprotected: its policy must still cost nothing to re-read.
  if (other) org.repos.push({ ...other, name: "ledger", protection: undefined });
  fake = await startFakeGitHub({ org });
  store = await openStore();
});
afterEach(async () => {
  await fake.close();
  await store.close();
});

function run(self = new SelfMetrics()) {
  const config = parseConfigText(
    `version: kpi-exporter/v1
sources: { github: { base_url: "${fake.url}", history_days: 90 } }
teams:
  - name: payments
    services:
      - { name: checkout, repositories: [acme/checkout] }
      - { name: ledger, repositories: [acme/ledger] }`,
    "test",
  );
  const source = githubConfig.of(config);
  if (!source) throw new Error("no github source");
  const collector = githubCollector(
    config,
    source,
    { kind: "token", token: "test-token" },
    { retryAfterBaseValue: 5 },
  );
  const now = () => Date.parse("2026-06-30T00:00:00Z");
  return runCollector(collector, { store, self, logger: quiet, now });
}

async function outcomes(self: SelfMetrics): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const s of await self.samples())
    if (s.name === "kpi_exporter_api_requests_total") counts[s.labels.outcome as string] = s.value;
  return counts;
}

test("a secondary rate limit is waited out and the run succeeds", async () => {
  fake.failSecondaryRateLimit(/\/deployments$/, 2, 1);
  const self = new SelfMetrics();
  expect((await run(self)).ok).toBe(true);
  expect((await outcomes(self)).rate_limited).toBe(2);
  expect((await store.counts()).deployment).toBe(10);
});

test("server errors are retried", async () => {
  fake.failServerError(/\/pulls$/, 1, 502);
  const self = new SelfMetrics();
  expect((await run(self)).ok).toBe(true);
  expect((await outcomes(self)).error).toBe(1);
  // Per repository: #1, #2, and the direct pushes c1 and c3.
  expect((await store.counts()).change).toBe(8);
});

test("an exhausted quota fails one repository without losing the other", async () => {
  // Its first request meets the limit; an hour-long wait is not slept through.
  fake.failPrimaryRateLimit(/\/repos\/acme\/ledger\//, 1, 3600);
  const self = new SelfMetrics();
  const first = await run(self);
  expect(first.ok).toBe(false);
  expect(first.error).toMatch(/acme\/ledger/);
  expect([...(await store.cursors("github")).keys()]).toEqual(["acme/checkout"]);
  expect((await store.load()).deployments.every((d) => d.service === "checkout")).toBe(true);
  expect((await outcomes(self)).rate_limited).toBeGreaterThan(0);
  expect((await run()).ok).toBe(true);
  expect((await store.counts()).deployment).toBe(10);
});

test("an unchanged second run is answered 304 and counted as not_modified", async () => {
  await run();
  expect(fake.quotaUsed()).toBeGreaterThan(0);
  fake.resetLog();
  const self = new SelfMetrics();
  expect((await run(self)).ok).toBe(true);
  const counts = await outcomes(self);
  expect(counts.not_modified).toBe(fake.requests.length);
  expect(counts.ok ?? 0).toBe(0);
  expect(counts.error ?? 0).toBe(0);
  expect(fake.quotaUsed()).toBe(0);
});
