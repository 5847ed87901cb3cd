import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseDefinitions } from "../../src/reports/definitions/parse.ts";
import { betterDirection } from "../../src/reports/view/tone.ts";
import { expositionType, LEVEL_METRICS } from "../../src/vocabulary/conventions.ts";
import { KPI, kpiByName, type ValueUnit } from "../../src/vocabulary/kpi-catalogue.ts";

// The catalogue is the one row per KPI that dashboards, reports and the exposition read;
// METRICS.md's KPI table carries the formulas a reader checks the numbers against. The two
// must name the same KPIs in the same order, with units that say the same thing, and the
// served HELP must be the row's.

const markdown = readFileSync(new URL("../../METRICS.md", import.meta.url), "utf8");
const documented = parseDefinitions(markdown);
const rows = Object.values(KPI);

/** How METRICS.md writes each unit; a count is written as what it counts. */
const DOCUMENTED_UNITS: Record<ValueUnit, readonly string[]> = {
  seconds: ["seconds"],
  ratio: ["ratio 0–1"],
  per_day: ["1/day"],
  currency: ["currency"],
  level: ["level 0–3"],
  count: ["deployments", "changes", "incidents", "findings"],
};

describe("the KPI catalogue", () => {
  it("names the KPIs of METRICS.md's table, each once", () => {
    // The catalogue's order is the exposition's; the table groups them for a reader.
    const names = rows.map((row) => row.name);
    expect([...names].sort()).toEqual(documented.kpis.map((k) => k.metric).sort());
    expect(new Set(names).size).toBe(names.length);
  });

  it("gives each KPI the unit METRICS.md gives it", () => {
    for (const { metric, unit } of documented.kpis) {
      const row = kpiByName(metric);
      expect(DOCUMENTED_UNITS[row?.unit ?? "count"], metric).toContain(unit);
    }
  });

  it("grades the four DORA metrics of the level table, better in the direction of elite", () => {
    const graded = rows.filter((row) => row.level !== undefined);
    expect(graded.map((row) => row.level).sort()).toEqual([...LEVEL_METRICS].sort());
    for (const level of documented.levels) {
      const row = graded.find((r) => level.metric.startsWith(r.level ?? "-"));
      // Elite is "≤ 1 day" for what should fall, "≥ 1 per day" for what should rise.
      const better = level.elite.startsWith("≤") ? "down" : "up";
      expect(row?.better, level.metric).toBe(better);
    }
  });

  it("says lower is better for what goes wrong, and judges no total of deployments or cost", () => {
    const down = rows.filter((row) => row.better === "down").map((row) => row.name);
    const neutral = rows.filter((row) => row.better === "neutral").map((row) => row.name);
    expect(down).toEqual([
      KPI.leadTime.name,
      KPI.changeFailureRatio.name,
      KPI.recoveryTime.name,
      KPI.reworkRatio.name,
      KPI.featureToMarket.name,
      KPI.costPerDeployment.name,
      KPI.costPerChange.name,
      KPI.controlNotEvaluableRatio.name,
      KPI.remediationTime.name,
      KPI.incidents.name,
      KPI.incidentsOpen.name,
      KPI.vulnerabilitiesOpen.name,
      KPI.vulnerabilitiesOverdue.name,
    ]);
    expect(neutral).toEqual([KPI.deploymentsTotal.name, KPI.cost.name, KPI.controlCost.name]);
    // The report's tone reads the same rows.
    expect(betterDirection(KPI.controlNotEvaluableRatio.name)).toBe("down");
    expect(betterDirection(KPI.complianceCoverage.name)).toBe("up");
  });

  it("has a title and a definition sentence for every KPI", () => {
    for (const row of rows) {
      expect(row.title, row.name).toMatch(/^[A-Z][^.]*$/);
      expect(row.definition, row.name).toMatch(/\.$/);
    }
    expect(new Set(rows.map((row) => row.title)).size).toBe(rows.length);
  });

  it("is what the golden exposition's HELP and TYPE lines say", () => {
    const golden = readFileSync(new URL("../golden/demo-metrics.prom", import.meta.url), "utf8");
    for (const row of rows) {
      expect(golden, row.name).toContain(`# HELP ${row.name} ${row.help}\n`);
      expect(golden, row.name).toContain(`# TYPE ${row.name} ${expositionType(row)}\n`);
    }
  });
});
