import { describe, expect, it } from "vitest";
import type { Sample } from "../../src/engine/snapshot-types.ts";
import { concatExpositions, renderSnapshot } from "../../src/http/render.ts";
import { KPI } from "../../src/vocabulary/kpi-catalogue.ts";
import { AS_OF, handSnapshot, seriesLines } from "./helpers.ts";

describe("renderSnapshot", () => {
  it("keeps dora_deployments_total as the sample name in both formats", async () => {
    const { text, openMetrics } = await renderSnapshot(handSnapshot());
    const series =
      'dora_deployments_total{team="payments",service="checkout",environment="production"} 42';
    expect(seriesLines(text)).toContain(series);
    expect(seriesLines(openMetrics)).toContain(series);
    // Text names the family after its samples; OpenMetrics names it without the suffix.
    expect(text).toContain("# TYPE dora_deployments_total counter\n");
    expect(openMetrics).toContain("# TYPE dora_deployments counter\n");
    expect(openMetrics).not.toMatch(/^dora_deployments\{/m);
  });

  it("ends OpenMetrics with exactly one # EOF and no blank line", async () => {
    const { openMetrics } = await renderSnapshot(handSnapshot());
    expect(openMetrics.endsWith("\n# EOF\n")).toBe(true);
    expect(openMetrics.match(/# EOF/g)).toHaveLength(1);
    expect(openMetrics).not.toContain("\n\n");
  });

  it("writes no series and no family for a KPI without samples", async () => {
    const { text, openMetrics } = await renderSnapshot(handSnapshot());
    for (const exposition of [text, openMetrics]) {
      // kpi_cost is a prefix of kpi_cost_attribution_ratio, which does have a sample.
      expect(exposition).not.toMatch(/^(# (HELP|TYPE) )?kpi_cost[ {]/m);
      expect(exposition).not.toContain(KPI.changeFailureRatio.name);
      expect(exposition).not.toMatch(/ NaN$/m);
    }
  });

  it("omits absent scope labels and writes labels in the definition's order", async () => {
    const lines = seriesLines((await renderSnapshot(handSnapshot())).text);
    expect(lines).toContain('dora_deployment_frequency_per_day{window="7d"} 1.5');
    expect(lines).toContain('dora_deployment_frequency_per_day{window="7d",team="payments"} 1');
    expect(lines).toContain(
      'dora_deployment_frequency_per_day{window="7d",team="payments",service="checkout"} 0.5',
    );
    expect(lines).toContain('kpi_vulnerabilities_open{severity="critical"} 2');
    expect(lines).toContain('kpi_vulnerabilities_open{team="search",severity="high"} 0');
  });

  it("orders families as the definitions do, whatever the sample order", async () => {
    const snapshot = handSnapshot();
    const reversed = { asOf: AS_OF, samples: [...snapshot.samples].reverse() };
    const [a, b] = await Promise.all([renderSnapshot(snapshot), renderSnapshot(reversed)]);
    const types = (text: string) => text.split("\n").filter((line) => line.startsWith("# TYPE"));
    expect(types(a.text)).toEqual(types(b.text));
    expect(types(a.text)[0]).toBe("# TYPE dora_deployments_total counter");
    expect(seriesLines(a.text).sort()).toEqual(seriesLines(b.text).sort());
  });

  it("renders an empty snapshot as empty text and a lone # EOF", async () => {
    expect(await renderSnapshot({ asOf: AS_OF, samples: [] })).toEqual({
      text: "",
      openMetrics: "# EOF\n",
    });
  });

  it.each([
    ["an unknown metric", { name: "dora_unknown", labels: {}, value: 1 }, /unknown metric/],
    [
      "an unknown label",
      { name: KPI.changesDeployed.name, labels: { window: "7d", sha: "abc" }, value: 1 },
      /label\(s\) sha/,
    ],
    [
      "a NaN value",
      { name: KPI.changesDeployed.name, labels: { window: "7d" }, value: Number.NaN },
      /not a finite number/,
    ],
  ])("refuses %s", async (_what, sample: Sample, message) => {
    await expect(renderSnapshot({ asOf: AS_OF, samples: [sample] })).rejects.toThrow(message);
  });

  it("refuses a series given twice", async () => {
    const sample = { name: KPI.changesDeployed.name, labels: { window: "7d" }, value: 1 };
    await expect(renderSnapshot({ asOf: AS_OF, samples: [sample, sample] })).rejects.toThrow(
      /given twice/,
    );
  });
});

describe("concatExpositions", () => {
  it("keeps one # EOF, at the end", async () => {
    const part = await renderSnapshot(handSnapshot());
    const whole = concatExpositions([part, part, { text: "", openMetrics: "# EOF\n" }]);
    expect(whole.openMetrics.match(/# EOF/g)).toHaveLength(1);
    expect(whole.openMetrics.endsWith("\n# EOF\n")).toBe(true);
    expect(whole.text).toBe(part.text + part.text);
  });
});

describe("rendering ~100k samples", () => {
  it("renders every one of them in both formats", async () => {
    const samples: Sample[] = [];
    for (let service = 0; samples.length < 100_000; service++) {
      const labels = { team: `team-${service % 50}`, service: `service-${service}` };
      for (const window of ["7d", "30d", "90d"]) {
        for (const quantile of ["0.5", "0.9"]) {
          samples.push({
            name: KPI.leadTime.name,
            labels: { ...labels, window, quantile },
            value: service + 0.25,
          });
          samples.push({
            name: KPI.recoveryTime.name,
            labels: { ...labels, window, quantile },
            value: 3600,
          });
        }
        for (const def of [KPI.deploymentFrequency, KPI.changeFailureRatio, KPI.reworkRatio]) {
          samples.push({ name: def.name, labels: { ...labels, window }, value: 0.125 });
        }
      }
    }
    // Speed is measured by `npm run bench`; here only that every series survives at size.
    const { text, openMetrics } = await renderSnapshot({ asOf: AS_OF, samples });
    expect(seriesLines(text)).toHaveLength(samples.length);
    expect(seriesLines(openMetrics)).toHaveLength(samples.length);
  });
});
