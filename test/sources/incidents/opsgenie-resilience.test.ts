import { describe, expect, test } from "vitest";
import { opsgenieCollector } from "../../../src/sources/incidents/opsgenie/collector.ts";
import { collectorHarness } from "./collector-harness.ts";

// The Opsgenie collector when Opsgenie misbehaves, over real HTTP: throttling waited
// out, a failing part storing nothing and keeping its cursor while the other is kept,
// a payload breaking the documented shape named by field, a refused key explained.

const h = collectorHarness();

describe("Opsgenie", { timeout: 60_000 }, () => {
  test("429s are waited out and counted as rate_limited", async () => {
    const { fake, collector } = await h.opsgenie();
    fake.throttle(2);
    const outcome = await h.run(collector);
    expect(outcome.ok, outcome.error).toBe(true);
    expect((await h.outcomes("opsgenie")).rate_limited).toBe(2);
    expect((await h.store.load()).incidents).toHaveLength(4);
    // The unknown service's alert; the P4 one is filtered by priority, not refused.
    const rejected = (await h.self.samples()).filter(
      // Every kind and reason is declared at 0 from the start (decision 142).
      (s) => s.name === "kpi_exporter_rejected_records_total" && s.value > 0,
    );
    expect(rejected.map((s) => [s.labels, s.value])).toEqual([
      [{ kind: "incident", reason: "unknown_service" }, 1],
    ]);
  });

  test("a part that keeps failing stores nothing and keeps its cursor; the other part is kept", async () => {
    const { fake, collector } = await h.opsgenie();
    fake.inject(/^\/v1\/incidents$/, 100, { status: 503, body: { message: "unavailable" } });
    const outcome = await h.run(collector);
    expect(outcome.ok).toBe(false);
    expect(outcome.error).toMatch(
      /collect Opsgenie incidents: Opsgenie GET \/v1\/incidents: 503 from 127\.0\.0\.1:\d+ after 5 tries/,
    );
    const ids = (await h.store.load()).incidents.map((i) => i.id);
    expect(ids).toEqual([
      "opsgenie:alert:alert-a",
      "opsgenie:alert:alert-b",
      "opsgenie:alert:alert-d",
    ]);
    expect([...(await h.store.cursors("opsgenie")).keys()]).toEqual(["opsgenie:alerts"]);
    expect((await h.outcomes("opsgenie")).error).toBe(5);
  });

  test("a payload that breaks the documented shape fails with its field path", async () => {
    const { fake, collector } = await h.opsgenie();
    // alert-b is second on the first page (newest created first); its time loses the offset.
    const broken = fake.account.alerts.find((a) => a.id === "alert-b");
    if (broken) broken.createdAt = "2026-06-22T08:00:00";
    const outcome = await h.run(collector);
    expect(outcome.error).toMatch(
      /Opsgenie GET \/v2\/alerts: unexpected answer: data\[1\]\.createdAt: expected an ISO-8601 time with offset/,
    );
  });

  test("a refused key is reported with Opsgenie's message", async () => {
    const { fake } = await h.opsgenie();
    const cfg = h.config(`  opsgenie: { base_url: "${fake.url}" }`);
    const wrong = opsgenieCollector(cfg, cfg.sources.opsgenie as never, {
      api: "opsgenie",
      apiKey: "nope",
    });
    const outcome = await h.run(wrong);
    expect(outcome.error).toMatch(/401 from 127\.0\.0\.1:\d+: Could not authenticate/);
  });
});
