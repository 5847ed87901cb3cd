import { expect, test } from "vitest";
import { pagerdutyCollector } from "../../../src/sources/incidents/pagerduty/collector.ts";
import { startFakePagerduty } from "../../support/fake-incidents/pagerduty.ts";
import { collectorHarness } from "./collector-harness.ts";

// A collector's records pass the import's time-order rules (decision 151): an upstream
// that reports an incident resolved before it was created gets that incident refused and
// counted, while the rest of its page is stored.

const h = collectorHarness();

const incident = (id: string, createdAt: string, resolvedAt: string) => ({
  id,
  number: 1,
  title: `incident ${id}`,
  status: "resolved" as const,
  urgency: "high" as const,
  service: { id: "PCHK001", name: "Checkout API" },
  createdAt,
  resolvedAt,
});

test("an incident resolved before it started is refused, its page stored", async () => {
  const pd = h.track(
    await startFakePagerduty({
      apiKey: "pd",
      incidents: [
        incident("PGOOD", "2026-06-01T12:00:00Z", "2026-06-01T13:00:00Z"),
        incident("PBACK", "2026-06-02T12:00:00Z", "2026-06-02T11:00:00Z"),
      ],
    }),
  );
  const cfg = h.config(`  pagerduty: { base_url: "${pd.url}" }`);
  const outcome = await h.run(pagerdutyCollector(cfg, cfg.sources.pagerduty as never, "pd"));
  expect(outcome.ok, outcome.error).toBe(true);
  expect((await h.store.load()).incidents.map((i) => i.id)).toEqual(["pagerduty:PGOOD"]);
  const refused = (await h.self.samples()).filter(
    (s) => s.name === "kpi_exporter_rejected_records_total" && s.value > 0,
  );
  expect(refused.map((s) => [s.labels.kind, s.labels.reason, s.value])).toEqual([
    ["incident", "time_order", 1],
  ]);
});
