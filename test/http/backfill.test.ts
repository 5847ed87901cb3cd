import { describe, expect, it } from "vitest";
import { backfillInstants, HEAD_BLOCK_MS, MAX_INSTANTS } from "../../src/cli/backfill-plan.ts";
import type { KpiSnapshot, Sample } from "../../src/engine/snapshot-types.ts";
import { kpiHistory } from "../../src/http/backfill.ts";
import { KPI } from "../../src/vocabulary/kpi-catalogue.ts";

// The backfill file's shape through the real renderer: hand-made snapshots at two instants,
// regrouped as OpenMetrics requires (each family once, each series contiguous, a summary's
// quantiles of one instant together), every sample stamped with its instant in seconds.

const T1 = Date.parse("2026-06-01T00:00:00Z");
const T2 = Date.parse("2026-06-02T00:00:00Z");
const NOW = Date.parse("2026-11-28T12:00:00Z");

function snapshotAt(asOf: number): KpiSnapshot {
  const later = asOf === T2;
  const samples: Sample[] = [
    { name: KPI.deploymentFrequency.name, labels: { window: "7d" }, value: later ? 2 : 1 },
    { name: KPI.deploymentFrequency.name, labels: { window: "7d", team: "payments" }, value: 0.5 },
    { name: KPI.leadTime.name, labels: { window: "7d", quantile: "0.5" }, value: later ? 60 : 30 },
    { name: KPI.leadTime.name, labels: { window: "7d", quantile: "0.9" }, value: later ? 90 : 45 },
    {
      name: KPI.deploymentsTotal.name,
      labels: { team: "payments", service: "checkout", environment: "production" },
      value: later ? 8 : 7,
    },
  ];
  // A family absent at the first instant: it still comes in contract order, after the others.
  if (later)
    samples.unshift({ name: KPI.vulnerabilitiesOpen.name, labels: { severity: "high" }, value: 3 });
  return { asOf, samples };
}

async function backfillText(): Promise<string> {
  const history = await kpiHistory([T1, T2], snapshotAt);
  return [...history.chunks()].join("");
}

describe("backfill OpenMetrics", () => {
  it("groups every family once, every series contiguously, in time order", async () => {
    const t1 = T1 / 1000;
    const t2 = T2 / 1000;
    expect(await backfillText()).toBe(
      [
        "# HELP dora_deployments Deployments that finished by asOf, per production or exported environment; every other environment counts as other.",
        "# TYPE dora_deployments counter",
        `dora_deployments_total{team="payments",service="checkout",environment="production"} 7 ${t1}`,
        `dora_deployments_total{team="payments",service="checkout",environment="production"} 8 ${t2}`,
        "# HELP dora_deployment_frequency_per_day Production deployments in the window divided by days in the window.",
        "# TYPE dora_deployment_frequency_per_day gauge",
        `dora_deployment_frequency_per_day{window="7d"} 1 ${t1}`,
        `dora_deployment_frequency_per_day{window="7d"} 2 ${t2}`,
        `dora_deployment_frequency_per_day{window="7d",team="payments"} 0.5 ${t1}`,
        `dora_deployment_frequency_per_day{window="7d",team="payments"} 0.5 ${t2}`,
        "# HELP dora_change_lead_time_seconds Change lead time (deployedAt - firstCommitAt) of changes deployed in the window.",
        "# TYPE dora_change_lead_time_seconds summary",
        `dora_change_lead_time_seconds{window="7d",quantile="0.5"} 30 ${t1}`,
        `dora_change_lead_time_seconds{window="7d",quantile="0.9"} 45 ${t1}`,
        `dora_change_lead_time_seconds{window="7d",quantile="0.5"} 60 ${t2}`,
        `dora_change_lead_time_seconds{window="7d",quantile="0.9"} 90 ${t2}`,
        "# HELP kpi_vulnerabilities_open Vulnerabilities open at asOf.",
        "# TYPE kpi_vulnerabilities_open gauge",
        `kpi_vulnerabilities_open{severity="high"} 3 ${t2}`,
        "# EOF",
        "",
      ].join("\n"),
    );
  });

  it("counts the series it holds", async () => {
    expect((await kpiHistory([T1, T2], snapshotAt)).seriesCount).toBe(6);
  });
});

describe("backfill instants", () => {
  const range = (from: string, to: string, step = "1d") =>
    backfillInstants({ from, to, step }, NOW);

  it("runs from --from every --step up to --to", () => {
    expect(range("2026-06-01", "2026-06-03").map((t) => new Date(t).toISOString())).toEqual([
      "2026-06-01T00:00:00.000Z",
      "2026-06-02T00:00:00.000Z",
      "2026-06-03T00:00:00.000Z",
    ]);
    expect(range("2026-06-01", "2026-06-01T20:00:00Z", "6h")).toHaveLength(4);
    expect(range("2026-06-01", "2026-06-01")).toEqual([T1]);
  });

  it("refuses --from after --to", () => {
    expect(() => range("2026-06-02", "2026-06-01")).toThrow(
      "--from 2026-06-02T00:00:00.000Z is after --to 2026-06-01T00:00:00.000Z",
    );
  });

  it("refuses an instant in Prometheus's head block (the last 3 hours) or in the future", () => {
    const recent = new Date(NOW - HEAD_BLOCK_MS + 60_000).toISOString();
    expect(() => range("2026-11-28T08:00:00Z", recent, "1m")).toThrow(
      /within the last 3 hours or in the future/,
    );
    // Only instants count: --to may be recent when the last step falls before the head block.
    expect(range("2026-11-27", recent)).toHaveLength(2);
    expect(() => range("2026-11-01", "2027-01-01")).toThrow(
      /end --to before 2026-11-28T09:00:00.000Z/,
    );
    expect(range("2026-11-28", new Date(NOW - HEAD_BLOCK_MS).toISOString(), "1h")).toHaveLength(10);
  });

  it("names the option that is wrong", () => {
    expect(() => range("June", "2026-06-01")).toThrow(/^--from: expected an ISO-8601 instant/);
    expect(() => range("2026-06-01", "2026-06-31")).toThrow(/^--to: not a valid instant/);
    expect(() => range("2026-06-01", "2026-06-02", "daily")).toThrow(
      /^--step: expected a duration/,
    );
    expect(() => range("2026-06-01", "2026-06-02", "0")).toThrow(/^--step/);
    expect(() => range("2020-01-01", "2026-06-01", "1h")).toThrow(`more than ${MAX_INSTANTS}`);
  });
});
