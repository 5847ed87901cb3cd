import { describe, expect, it } from "vitest";
import { trendChartSvg } from "../../src/reports/charts/trend-chart.ts";
import type { TrendSeries } from "../../src/reports/model.ts";
import type { ValueUnit } from "../../src/vocabulary/kpi-catalogue.ts";
import { reportFixture } from "./fixtures/model.ts";
import { DAY, HOUR } from "./fixtures/rows.ts";

const { quarter } = reportFixture();

function series(unit: ValueUnit, values: Array<number | null>): TrendSeries {
  const points = (months: string[], offset: number) =>
    months.map((month, i) => ({ month, value: values[offset + i] ?? null }));
  return {
    kpi: "k",
    label: "L",
    labels: {},
    unit,
    previousPoints: points(["2026-04", "2026-05", "2026-06"], 0),
    points: points(quarter.months, 3),
  };
}

function chart(unit: ValueUnit, values: Array<number | null>, title = "A trend", id = "c-1") {
  return trendChartSvg({ id, title, series: series(unit, values), quarter, currency: "EUR" });
}

/** The axis name and tick labels: every <text> of the chart, in order. */
function texts(svg: string): string[] {
  return [...svg.matchAll(/<text\b[^>]*>([^<]*)<\/text>/g)].map((match) => match[1] ?? "");
}

describe("trend chart SVG", () => {
  it("is the same string however many charts the process drew before", () => {
    const values = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6];
    const first = chart("ratio", values);
    chart("count", [1, 2, 3, 4, 5, 6], "Another", "c-2");
    expect(chart("ratio", values)).toBe(first);
    expect(first).not.toMatch(/\bzr\d+-/);
    expect(first).toContain('clip-path="url(#c-1-');
  });

  it("carries an accessible name and a description listing every month", () => {
    const svg = chart(
      "seconds",
      [2 * HOUR, null, 3 * HOUR, 4 * HOUR, 5 * HOUR, 6 * HOUR],
      "Lead time",
    );
    expect(svg).toMatch(/^<svg id="c-1" role="img" aria-labelledby="c-1-title c-1-desc"/);
    expect(svg).toContain('<title id="c-1-title">Lead time (hours)</title>');
    expect(svg).toContain("2026-Q2: 2026-04 2.00 h, 2026-05 —, 2026-06 3.00 h.");
    expect(svg).toContain("2026-Q3: 2026-07 4.00 h, 2026-08 5.00 h, 2026-09 6.00 h.");
    expect(svg).not.toContain("<style");
    expect(svg).not.toContain("ecmeta_");
  });

  it("shows seconds as hours or days, ratios as percent and amounts under the currency code", () => {
    expect(
      texts(chart("seconds", [3 * DAY, 4 * DAY, 2 * DAY, 5 * DAY, 6 * DAY, 1 * DAY])),
    ).toContain("days");
    expect(texts(chart("seconds", [3 * HOUR, 4 * HOUR, 1, 1, 1, 1]))).toContain("hours");
    const ratio = texts(chart("ratio", [0.2, 0.4, 0.6, 0.8, 1, 0.5]));
    expect(ratio).toContain("%");
    expect(ratio).toContain("100%");
    const money = texts(chart("currency", [12_000, 13_000, 14_000, 15_000, 16_000, 17_000]));
    expect(money).toContain("EUR");
    expect(money).toContain("15,000");
    expect(texts(chart("count", [1, 2, 3, 4, 5, 6]))).toEqual(
      expect.arrayContaining(["2026-04", "2026-09"]),
    );
  });

  it("escapes a title that holds markup", () => {
    const svg = chart("count", [1, 2, 3, 4, 5, 6], `<script>alert("x")</script>`);
    expect(svg).not.toContain("<script>");
    expect(svg).toContain("&lt;script&gt;");
  });

  it("refuses an id that is not a plain XML id", () => {
    expect(() => chart("count", [1], "t", `x" onload="alert(1)`)).toThrow(/chart id/);
  });
});
