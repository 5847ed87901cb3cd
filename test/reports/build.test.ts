import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toEngineConfig } from "../../src/config/engine-config.ts";
import { reportFromStore } from "../../src/reports/from-store.ts";
import type { KpiRow, ReportModel, StakeholderSection } from "../../src/reports/model.ts";
import { ReportRequestError } from "../../src/reports/request-error.ts";
import type { Store } from "../../src/store/store.ts";
import { KPI } from "../../src/vocabulary/kpi-catalogue.ts";
import { config, handMadeStore } from "./hand-made.ts";

// The 2026-Q3 report of the hand-made organisation (hand-made.ts), every expected number
// worked out by hand from its records.

const DAY = 86_400;
let store: Store;
let report: ReportModel;
const engine = toEngineConfig(config());
const build = (team?: string, now = Date.parse("2026-11-05T08:00:00Z")) =>
  reportFromStore(store, engine, { quarter: "2026-Q3", now, ...(team && { team }) });

beforeAll(async () => {
  store = await handMadeStore();
  const failures = store.collectorFailures;
  await failures.record("github", Date.parse("2026-08-02T10:00:00Z"), "502 from api.github.com");
  await failures.record("github", Date.parse("2026-08-02T11:00:00Z"), "timeout");
  await failures.record("focus", Date.parse("2026-06-30T23:00:00Z"), "in Q2");
  await failures.record("focus", Date.parse("2026-10-01T00:00:00Z"), "in Q4");
  report = await build();
});
afterAll(() => store.close());

const find = (rows: KpiRow[], kpi: string, labels: Record<string, string> = {}) => {
  const row = rows.find(
    (r) => r.kpi === kpi && JSON.stringify(r.labels) === JSON.stringify(labels),
  );
  if (!row) throw new Error(`no row ${kpi} ${JSON.stringify(labels)}`);
  return row;
};
const section = (name: string): StakeholderSection => {
  const s = report.sections.find((x) => x.stakeholder === name);
  if (!s) throw new Error(`no section ${name}`);
  return s;
};

describe("the 2026-Q3 report of the hand-made organisation", () => {
  it("covers the quarter [2026-07-01, 2026-10-01), evaluated at its last millisecond", () => {
    expect(report.quarter).toEqual({
      id: "2026-Q3",
      start: "2026-07-01T00:00:00.000Z",
      end: "2026-10-01T00:00:00.000Z",
      previousId: "2026-Q2",
      months: ["2026-07", "2026-08", "2026-09"],
      toDate: false,
    });
    expect(report.asOf).toBe("2026-09-30T23:59:59.999Z");
    expect(report.generatedAt).toBe("2026-11-05T08:00:00.000Z");
    expect(report.scope).toEqual({ kind: "organisation" });
    expect(report.sections.map((s) => s.stakeholder)).toEqual(["COO", "CFO", "CISO", "CTO"]);
  });

  it("DORA: three deployments (one at 00:00 on July 1), one failed, with levels and QoQ change", () => {
    const freq = find(report.summary, KPI.deploymentFrequency.name);
    expect(freq).toMatchObject({ value: 3 / 92, previous: 1 / 91, unit: "per_day" });
    expect(freq.change).toBeCloseTo((3 / 92 - 1 / 91) / (1 / 91), 12);
    expect(freq.level).toEqual({
      metric: "deployment_frequency",
      value: 0,
      name: "low",
      previous: 0,
    });
    const lead = find(report.summary, KPI.leadTime.name, { quantile: "0.5" });
    expect(lead).toMatchObject({ value: DAY, previous: 2 * DAY, change: -0.5, delta: -DAY });
    expect(lead.level).toMatchObject({ name: "elite", value: 3, previous: 2 });
    const cto = section("CTO").kpis;
    expect(find(cto, KPI.leadTime.name, { quantile: "0.9" }).value).toBe(DAY + 0.8 * DAY);
    expect(find(cto, KPI.changesDeployed.name)).toMatchObject({ value: 3, previous: 1, change: 2 });
    // From 0 to 1/3: no finite relative change, the delta says it.
    const cfr = find(cto, KPI.changeFailureRatio.name);
    expect(cfr).toMatchObject({ value: 1 / 3, previous: 0, change: null, delta: 1 / 3 });
    expect(cfr.level).toMatchObject({ name: "low", previous: 3 });
    const recovery = find(cto, KPI.recoveryTime.name, { quantile: "0.5" });
    expect(recovery).toMatchObject({ value: 3 * 3600, previous: null, change: null });
    expect(recovery.level).toMatchObject({ name: "high", previous: null });
    expect(find(cto, KPI.reworkRatio.name).value).toBe(0);
    expect(find(cto, KPI.featureToMarket.name, { quantile: "0.5" }).value).toBeNull();
  });

  it("cost: the 00:00 July 1 row is in, the October 1 row out; unattributed cost counts", () => {
    const coo = section("COO").kpis;
    expect(find(coo, KPI.cost.name, { category: "cloud" })).toMatchObject({
      value: 150,
      previous: 200,
    });
    expect(find(coo, KPI.cost.name, { category: "ci" }).value).toBeNull();
    expect(find(coo, KPI.costPerChange.name)).toMatchObject({
      value: 50,
      previous: 200,
      change: -0.75,
    });
    expect(find(section("CFO").kpis, KPI.costAttributionRatio.name).value).toBeCloseTo(2 / 3, 12);
    expect(report.dataQuality.unattributedCostShare).toBeCloseTo(1 / 3, 12);
    expect(report.dataQuality.unattributedCost).toBe(50);
  });

  it("compliance: d2 missed both controls, with the engine's reasons", () => {
    expect(find(report.summary, KPI.complianceCoverage.name)).toMatchObject({
      value: 2 / 3,
      previous: 1,
    });
    expect(report.compliance).toEqual({
      controls: ["change_approval", "deployment_approval"],
      productionDeployments: 3,
      compliantDeployments: 2,
      failedDeployments: 1,
      notEvaluableDeployments: 0,
      nonCompliant: [
        {
          id: "d2",
          service: "checkout",
          team: "payments",
          finishedAt: "2026-08-15T12:00:00.000Z",
          verdict: "fail",
          missed: [
            {
              control: "change_approval",
              verdict: "fail",
              reason: "c2: 0 of 1 approvals before merge",
            },
            {
              control: "deployment_approval",
              verdict: "fail",
              reason: "no deployment approval recorded",
            },
          ],
        },
      ],
    });
    const pass = section("CFO").kpis.filter((r) => r.kpi === KPI.controlPassRatio.name);
    expect(pass.map((r) => [r.labels.control, r.value])).toEqual([
      ["change_approval", 2 / 3],
      ["deployment_approval", 2 / 3],
    ]);
  });

  it("vulnerabilities: remediated in 32 days, open and overdue at each quarter's end", () => {
    const ciso = section("CISO").kpis;
    const critical = { severity: "critical" };
    expect(find(ciso, KPI.remediationTime.name, { ...critical, quantile: "0.9" }).value).toBe(
      32 * DAY,
    );
    expect(find(ciso, KPI.vulnerabilitiesOpen.name, critical)).toMatchObject({
      value: 0,
      previous: 1,
    });
    expect(find(ciso, KPI.vulnerabilitiesOpen.name, { severity: "high" }).value).toBe(1);
    expect(find(report.summary, KPI.vulnerabilitiesOverdue.name, critical)).toMatchObject({
      value: 0,
      previous: 1,
      change: -1,
    });
    expect(find(ciso, KPI.vulnerabilitiesOverdue.name, { severity: "high" }).value).toBe(0);
  });

  it("monthly trends: one-month windows at each month's end, the previous quarter's too", () => {
    const trend = section("CTO").trends.find((t) => t.kpi === KPI.deploymentFrequency.name);
    expect(trend?.points).toEqual([
      { month: "2026-07", value: 1 / 31 },
      { month: "2026-08", value: 1 / 31 },
      { month: "2026-09", value: 1 / 30 },
    ]);
    expect(trend?.previousPoints).toEqual([
      { month: "2026-04", value: null },
      { month: "2026-05", value: 1 / 31 },
      { month: "2026-06", value: null },
    ]);
  });

  it("team table: a row per catalogue team, from the team scope's own items", () => {
    const coo = section("COO").teams;
    expect(coo.by).toBe("team");
    expect(coo.columns.map((c) => c.label)).toEqual([
      "Cost per change",
      "Deployment frequency",
      "Changes deployed",
      "Cloud cost",
      "CI cost",
    ]);
    expect(coo.rows).toEqual([
      { team: "payments", values: [50, 2 / 92, 2, 100, null] },
      { team: "platform", values: [null, 1 / 92, 1, null, null] },
    ]);
  });

  it("data quality: idle services and the sources that failed within the quarter", () => {
    expect(report.dataQuality.servicesWithoutData).toEqual([
      { team: "payments", service: "billing" },
      { team: "platform", service: "idle" },
    ]);
    expect(report.dataQuality.failedSources).toEqual([
      {
        collector: "github",
        failedRuns: 2,
        lastFailureAt: "2026-08-02T11:00:00.000Z",
        lastError: "timeout",
      },
    ]);
  });

  it("the raw values carry window, asOf and labels, and leave out KPIs without samples", () => {
    const q3 = report.values.filter((v) => v.period === "2026-Q3");
    expect(
      q3.find((v) => v.kpi === KPI.costPerDeployment.name && v.scope === "organisation"),
    ).toEqual({
      kpi: KPI.costPerDeployment.name,
      scope: "organisation",
      labels: { currency: "EUR" },
      period: "2026-Q3",
      window: "92d",
      asOf: "2026-09-30T23:59:59.999Z",
      value: 50,
      unit: "currency",
    });
    expect(q3.some((v) => v.kpi === KPI.featureToMarket.name)).toBe(false);
    expect(new Set(report.values.map((v) => v.period))).toEqual(
      new Set(["2026-Q3", "2026-Q2", "2026-07", "2026-08", "2026-09", "2026-05", "2026-06"]),
    );
  });

  it("a team's report: the team scope, its services in the table", async () => {
    const payments = await build("payments");
    expect(payments.scope).toEqual({ kind: "team", team: "payments" });
    expect(find(payments.summary, KPI.deploymentFrequency.name).value).toBe(2 / 92);
    const cfo = payments.sections.find((s) => s.stakeholder === "CFO");
    expect(cfo?.kpis.some((r) => r.kpi === KPI.costAttributionRatio.name)).toBe(false);
    expect(cfo?.teams.by).toBe("service");
    expect(cfo?.teams.rows.map((r) => r.service)).toEqual(["billing", "checkout"]);
    expect(payments.compliance.nonCompliant.map((d) => d.id)).toEqual(["d2"]);
    expect(payments.dataQuality.servicesWithoutData).toEqual([
      { team: "payments", service: "billing" },
    ]);
  });

  it("refuses an unknown team, listing the teams", async () => {
    await expect(build("nope")).rejects.toThrow(ReportRequestError);
    await expect(build("nope")).rejects.toThrow(
      'unknown team "nope"; known teams: payments, platform',
    );
  });

  it("the running quarter is reported to date against the same days of the previous one", async () => {
    const running = await build(undefined, Date.parse("2026-08-15T12:00:00Z"));
    expect(running.quarter.toDate).toBe(true);
    expect(running.asOf).toBe("2026-08-15T12:00:00.000Z");
    // d1 and d2 by then; Q2 up to May 16 12:00 (45.5 days in) holds d0.
    expect(find(running.sections[3]?.kpis ?? [], KPI.changesDeployed.name)).toMatchObject({
      value: 2,
      previous: 1,
    });
    expect(running.dataQuality.notes.join(" ")).toContain("quarter to date");
  });
});
