import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatChange, formatValue, type ReportModel } from "../../src/reports/model.ts";
import { renderReport } from "../../src/reports/render.ts";
import { requireBinary } from "../support/binaries.ts";
import { runCli } from "../support/cli.ts";
import { pageTexts, pdfInfo, pngPages } from "../support/poppler.ts";

// The real report, not a fixture: the demo organisation seeded into a store, its 2026-Q2
// report built by `kpi-exporter report` as PDF and as JSON, the PDF read back by poppler.
// The appendix's METRICS.md markup must come out as formatting, in glyphs the font has.

const why = "the demo organisation's PDF report is not looked at";
const pdftoppm = requireBinary("pdftoppm", why, "poppler-utils");
const pdftotext = requireBinary("pdftotext", why, "poppler-utils");
const pdfinfo = requireBinary("pdfinfo", why, "poppler-utils");

let dir: string;
let pdf: string;
let model: ReportModel;
let pages: string[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "kpi-demo-report-"));
  const data = join(dir, "data");
  const seed = await runCli([
    "demo",
    "--seed-only",
    "--data-dir",
    data,
    "--as-of",
    "2026-06-30T00:00:00Z",
  ]);
  expect(seed.code, seed.stderr).toBe(0);
  const common = ["report", "--quarter", "2026-Q2", "--as-of", "2026-07-02T00:00:00Z"].concat([
    "--data-dir",
    data,
    "--config",
    "examples/demo.yaml",
  ]);
  pdf = join(dir, "q2.pdf");
  // One after the other: PGlite's data directory takes one process at a time.
  const built = await runCli([...common, "--format", "pdf", "--out", pdf]);
  const json = await runCli([...common, "--format", "json"]);
  expect(built.code, built.stderr).toBe(0);
  expect(json.code, json.stderr).toBe(0);
  model = JSON.parse(json.stdout) as ReportModel;
  if (pdftotext) pages = pageTexts(pdftotext, pdf);
}, 120_000);

afterAll(() => rm(dir, { recursive: true, force: true }));

describe.skipIf(!pdftoppm || !pdftotext || !pdfinfo)("the demo organisation's 2026-Q2 PDF", () => {
  it("has a real quarter's pages, none of them blank", async () => {
    const count = Number(pdfInfo(pdfinfo ?? "", pdf).Pages);
    expect(count).toBeGreaterThan(5);
    expect(pages).toHaveLength(count);
    const files = pngPages(pdftoppm ?? "", pdf, dir, 40);
    expect(files).toHaveLength(count);
    // A blank A4 page at 40 dpi compresses to under 2 kB.
    for (const file of files) expect((await stat(file)).size).toBeGreaterThan(5_000);
  });

  it("shows the JSON report's headline values and changes on page one", () => {
    expect(model.summary.length).toBeGreaterThan(5);
    for (const row of model.summary) {
      expect(pages[0]).toContain(formatValue(row.value, row.unit, model.currency));
      expect(pages[0]).toContain(formatChange(row));
    }
    const c = model.compliance;
    expect(pages[0]).toContain(`${c.compliantDeployments} of ${c.productionDeployments}`);
  });

  it("prints the appendix's markup as formatting and its formula in the font's glyphs", () => {
    const text = pages.join("\f");
    expect(text).not.toContain("**");
    expect(text).toContain("exports no series for that window");
    expect(text).not.toMatch(/[⌊⌋]/);
    expect(text).toContain("x[floor(h)] + (h − floor(h))");
  });
});

describe("the demo organisation's 2026-Q2 HTML", () => {
  it("makes **bold** a <strong> and keeps the formula's floor brackets", async () => {
    const { body } = await renderReport(model, "html");
    const html = String(body);
    expect(html).not.toContain("**");
    expect(html).toContain("exports <strong>no series</strong> for that window");
    expect(html).toContain("x[⌊h⌋]");
  });
});
