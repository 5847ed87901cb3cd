import { describe, expect, it } from "vitest";
import { sliFixture } from "../../src/rules/sli-fixture.ts";
import { humanizeDuration, humanizePercentage, renderTemplate } from "../../src/rules/template.ts";

// The pieces that write promtool tests: annotations rendered as Prometheus renders them,
// and input series derived from an SLO's own queries.

describe("annotation templates, as Prometheus renders them", () => {
  it("formats percentages with Go's %.4g", () => {
    expect(humanizePercentage(0.8)).toBe("80%");
    expect(humanizePercentage(0.019999999999)).toBe("2%");
    expect(humanizePercentage(1.2)).toBe("120%");
    expect(humanizePercentage(0.0045)).toBe("0.45%");
    expect(humanizePercentage(123.456)).toBe("1.235e+04%");
  });

  it("formats durations in days, hours, minutes and seconds", () => {
    expect(humanizeDuration(11_100)).toBe("3h 5m 0s");
    expect(humanizeDuration(90_061)).toBe("1d 1h 1m 1s");
    expect(humanizeDuration(125)).toBe("2m 5s");
    expect(humanizeDuration(1.5)).toBe("1.5s");
    expect(humanizeDuration(0)).toBe("0s");
  });

  it("fills labels and the value, and refuses what it cannot render exactly", () => {
    const text = "Team {{ $labels.team }}: {{ $value | humanizePercentage }} ({{$value}})";
    expect(renderTemplate(text, { team: "payments" }, 0.25)).toBe("Team payments: 25% (0.25)");
    expect(() => renderTemplate("{{ $labels.team }}", {}, 1)).toThrow(/\$labels\.team, absent/);
    expect(() => renderTemplate("{{ $value | humanize }}", {}, 1)).toThrow(
      /humanize is not supported/,
    );
    expect(() => renderTemplate("{{ if $value }}x{{ end }}", {}, 1)).toThrow(
      /unsupported template/,
    );
  });
});

describe("SLI input series", () => {
  const scenario = [
    { minutes: 2, totalPerMinute: 100, errorsPerMinute: 0 },
    { minutes: 3, totalPerMinute: 100, errorsPerMinute: 5 },
  ];

  it("splits one metric into error and good series that add up to the total", () => {
    const fixture = sliFixture(
      'sum(rate(api_total{outcome="error", job="x"}[{{.window}}]))',
      'sum(rate(api_total{job="x"}[{{ .window }}]))',
    );
    if ("unsupported" in fixture) throw new Error(fixture.unsupported);
    expect(fixture.series(scenario)).toEqual([
      { series: 'api_total{job="x",outcome="error"}', values: "0+0x2 5+5x2" },
      { series: 'api_total{job="x",outcome="ok"}', values: "0+100x2 295+95x2" },
    ]);
  });

  it("counts errors and totals apart when they are two metrics", () => {
    const fixture = sliFixture(
      'sum(rate(errors_total{code!="429"}[{{.window}}]))',
      "sum(rate(requests_total[{{.window}}]))",
    );
    if ("unsupported" in fixture) throw new Error(fixture.unsupported);
    expect(fixture.series(scenario).map((s) => s.values)).toEqual([
      "0+0x2 5+5x2",
      "0+100x2 300+100x2",
    ]);
  });

  it("declines SLIs it cannot drive, saying why", () => {
    const regex = sliFixture(
      'sum(rate(a_total{code=~"5.."}[{{.window}}]))',
      "sum(rate(a_total[{{.window}}]))",
    );
    expect(regex).toEqual({ unsupported: expect.stringContaining("sum(rate(") });
    const same = sliFixture(
      'sum(rate(a_total{job="x"}[{{.window}}]))',
      'sum(rate(a_total{job="x"}[{{.window}}]))',
    );
    expect(same).toEqual({
      unsupported: "cannot tell good events from errors by an = or != matcher",
    });
  });

  it('drives an SLI whose errors are the events without a label value (code!="200")', () => {
    const fixture = sliFixture(
      'sum(rate(h_total{route="/metrics",code!="200"}[{{.window}}]))',
      'sum(rate(h_total{route="/metrics"}[{{.window}}]))',
    );
    if ("unsupported" in fixture) throw new Error(fixture.unsupported);
    const [errors, good] = fixture.series([{ minutes: 2, totalPerMinute: 10, errorsPerMinute: 1 }]);
    expect(errors?.series).toBe('h_total{code="error",route="/metrics"}');
    expect(good?.series).toBe('h_total{code="200",route="/metrics"}');
    expect([errors?.values, good?.values]).toEqual(["0+1x2", "0+9x2"]);
  });
});
