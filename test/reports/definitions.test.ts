import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { DEFINITIONS } from "../../src/reports/definitions/index.ts";
import { parseDefinitions } from "../../src/reports/definitions/parse.ts";
import { KPI } from "../../src/vocabulary/kpi-catalogue.ts";

// The report's appendix is a checked-in extract of METRICS.md (the installed exporter has no
// METRICS.md). It must say what METRICS.md says: `npm run generate` rewrites it after an
// edit of METRICS.md.

const EXTRACT = new URL("../../src/reports/definitions/definitions.json", import.meta.url);
const METRICS_MD = new URL("../../METRICS.md", import.meta.url);

describe("report definitions", () => {
  it("equal METRICS.md parsed now", async () => {
    const parsed = parseDefinitions(await readFile(METRICS_MD, "utf8"));
    expect(JSON.parse(await readFile(EXTRACT, "utf8")), "run `npm run generate`").toEqual(parsed);
    expect(DEFINITIONS).toEqual(parsed);
  });

  it("define every KPI of the contract and the four performance levels", () => {
    expect(DEFINITIONS.kpis.map((k) => k.metric)).toEqual(
      expect.arrayContaining(Object.values(KPI).map((def) => def.name)),
    );
    expect(DEFINITIONS.levels.map((l) => l.metric)).toEqual([
      "lead_time (p50)",
      "deployment_frequency",
      "change_failure",
      "recovery_time (p50)",
    ]);
    expect(DEFINITIONS.clock[1]).toContain("(asOf − w, asOf]");
  });

  it("notice a drift: a changed formula no longer parses to the extract", async () => {
    const markdown = await readFile(METRICS_MD, "utf8");
    const edited = markdown.replace(
      "production deployments in window ÷ days in window",
      "production deployments in window ÷ working days in window",
    );
    expect(edited).not.toBe(markdown);
    expect(parseDefinitions(edited)).not.toEqual(DEFINITIONS);
  });

  it("name the missing section when METRICS.md loses one", () => {
    expect(() => parseDefinitions("# nothing here\n")).toThrow(
      'METRICS.md: no section "## Evaluation clock, windows and scopes"',
    );
  });
});
