// The report's compliance section separates deployments that failed a control from those
// not evaluable for missing evidence (contract §8.1), in the model and as rendered.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toEngineConfig } from "../../src/config/engine-config.ts";
import { importLines } from "../../src/import/index.ts";
import { complianceSheet } from "../../src/reports/formats/xlsx-sheets.ts";
import { reportFromStore } from "../../src/reports/from-store.ts";
import type { ReportModel } from "../../src/reports/model.ts";
import { complianceSection as pdfCompliance } from "../../src/reports/pdf/compliance.ts";
import { renderReport } from "../../src/reports/render.ts";
import { complianceLine } from "../../src/reports/view/headlines.ts";
import { parseConfig } from "../../src/sources/config-file.ts";
import { openStore } from "../../src/store/open.ts";
import type { Store } from "../../src/store/store.ts";

// 2026-Q3, checkout, change_approval 1 and deployment_approval:
//  e1 07-10 lists c1 (approved by bob), approved             compliant
//  e2 08-10 no list, new commit, nothing merged, approved    change_approval not evaluable
//  e3 09-10 lists c3 (no approval), not approved             both fail
//  e4 09-20 lists c4 (author unknown, approved), no approval change_approval not evaluable,
//                                                            deployment_approval fails
const CONFIG = parseConfig({
  version: "kpi-exporter/v1",
  currency: "EUR",
  teams: [{ name: "payments", services: [{ name: "checkout" }] }],
  compliance: { controls: { change_approval: 1, deployment_approval: true } },
});
const deployment = (id: string, finishedAt: string, changes?: string[], approved = true) => ({
  kind: "deployment",
  id,
  service: "checkout",
  environment: "production",
  finishedAt,
  commitSha: `${id}${"0".repeat(38)}`,
  ...(changes && { changes }),
  ...(approved && { approvals: [{ by: "ops", at: finishedAt }] }),
});
const change = (id: string, mergedAt: string, author?: string, approved = true) => ({
  kind: "change",
  id,
  service: "checkout",
  mergedAt,
  ...(author && { author }),
  ...(approved && { approvals: [{ by: "bob", at: mergedAt }] }),
});
const LINES = [
  change("c1", "2026-07-09T10:00:00Z", "alice"),
  deployment("e1", "2026-07-10T10:00:00Z", ["c1"]),
  deployment("e2", "2026-08-10T10:00:00Z"),
  change("c3", "2026-09-09T10:00:00Z", "carol", false),
  deployment("e3", "2026-09-10T10:00:00Z", ["c3"], false),
  change("c4", "2026-09-19T10:00:00Z"),
  deployment("e4", "2026-09-20T10:00:00Z", ["c4"], false),
].map((line) => JSON.stringify(line));

const UNKNOWN =
  "change set unknown: no list of changes, merge order gives it none, and no earlier production deployment had deployed its commit";
const C4 =
  "c4: author unknown, so its 1 approval before merge cannot be shown to come from someone else";

let store: Store;
let model: ReportModel;

beforeAll(async () => {
  store = await openStore({});
  const imported = await importLines(LINES, "q3.ndjson", { store, config: CONFIG });
  expect(imported.rejected).toEqual([]);
  model = await reportFromStore(store, toEngineConfig(CONFIG), {
    quarter: "2026-Q3",
    now: Date.parse("2026-11-01T00:00:00Z"),
  });
});
afterAll(() => store.close());

const fail = (control: string, reason: string) => ({ control, verdict: "fail", reason });
const ne = (control: string, reason: string) => ({ control, verdict: "not_evaluable", reason });
const row = (id: string, day: string, verdict: string, missed: object[]) => ({
  id,
  service: "checkout",
  team: "payments",
  finishedAt: `2026-${day}T10:00:00.000Z`,
  verdict,
  missed,
});

describe("report compliance: failed apart from not evaluable", () => {
  it("the model counts and lists each kind, newest first", () => {
    expect(model.compliance).toEqual({
      controls: ["change_approval", "deployment_approval"],
      productionDeployments: 4,
      compliantDeployments: 1,
      failedDeployments: 2,
      notEvaluableDeployments: 1,
      nonCompliant: [
        row("e4", "09-20", "fail", [
          ne("change_approval", C4),
          fail("deployment_approval", "no deployment approval recorded"),
        ]),
        row("e3", "09-10", "fail", [
          fail("change_approval", "c3: 0 of 1 approvals before merge"),
          fail("deployment_approval", "no deployment approval recorded"),
        ]),
        row("e2", "08-10", "not_evaluable", [ne("change_approval", UNKNOWN)]),
      ],
    });
    expect(complianceLine(model)).toBe(
      "1 of 4 production deployments compliant (25.0%); 3 are listed under Compliance (2 failed a control, 1 not evaluable for missing evidence).",
    );
  });

  it("HTML: a table of failed controls, then one of deployments not evaluable", async () => {
    const html = String((await renderReport(model, "html")).body);
    const section = html.slice(html.indexOf('id="compliance"'), html.indexOf('id="data-quality"'));
    const failed = section.indexOf("<h3>Failed controls</h3>");
    const missing = section.indexOf("<h3>Not evaluable: evidence missing</h3>");
    expect(failed).toBeGreaterThan(0);
    expect(missing).toBeGreaterThan(failed);
    expect(section.slice(failed, missing)).toContain("e4");
    expect(section.slice(failed, missing)).toContain("e3");
    expect(section.slice(failed, missing)).not.toContain(">e2<");
    expect(section.slice(missing)).toContain(">e2<");
    expect(section).toContain(`<strong>Change approval (not evaluable)</strong>: ${C4}`);
    expect(section).toContain("<strong>Deployment approval</strong>: no deployment approval");
  });

  it("PDF: the same two tables, each under its heading", () => {
    const content = JSON.stringify(pdfCompliance(model));
    const failed = content.indexOf('"text":"Failed controls","style":"h3"');
    const missing = content.indexOf('"text":"Not evaluable: evidence missing","style":"h3"');
    expect(failed).toBeGreaterThan(0);
    expect(missing).toBeGreaterThan(failed);
    expect(content.slice(missing)).toContain('"text":"e2"');
    expect(content.slice(failed, missing)).not.toContain('"text":"e2"');
    expect(content).toContain(`"Change approval (not evaluable): "`);
  });

  it("XLSX: the counts and a verdict per missed control", () => {
    const rows = complianceSheet(model).map((r) =>
      r.map((c) => (c && typeof c === "object" && "value" in c ? c.value : c)),
    );
    expect(rows).toContainEqual(["Failed a control", 2]);
    expect(rows).toContainEqual(["Not evaluable (evidence missing)", 1]);
    expect(rows).toContainEqual([
      "e2",
      "checkout",
      "payments",
      "2026-08-10T10:00:00.000Z",
      "change_approval",
      UNKNOWN,
      "not_evaluable",
    ]);
  });
});
