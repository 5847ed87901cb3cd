import { describe, expect, it } from "vitest";
import { SampleSink } from "../../src/engine/sink.ts";
import { KPI } from "../../src/vocabulary/kpi-catalogue.ts";

describe("a value that overflowed", () => {
  it("drops only its own series", () => {
    const sink = new SampleSink();
    sink.add(
      KPI.cost,
      { window: "7d", currency: "EUR", category: "cloud" },
      Number.POSITIVE_INFINITY,
    );
    sink.add(KPI.cost, { window: "7d", currency: "EUR", category: "ci" }, 12.5);
    sink.add(KPI.revenuePerChange, { window: "7d", currency: "EUR" }, Number.NaN);
    expect(sink.samples()).toEqual([
      {
        name: KPI.cost.name,
        labels: { window: "7d", currency: "EUR", category: "ci" },
        value: 12.5,
      },
    ]);
  });
});
