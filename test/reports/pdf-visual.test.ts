import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatValue } from "../../src/reports/model.ts";
import { renderPdf } from "../../src/reports/pdf/index.ts";
import { requireBinary } from "../support/binaries.ts";
import {
  countColour,
  pageTexts,
  pdfInfo,
  pngPages,
  pngSize,
  rasterPage,
} from "../support/poppler.ts";
import { HOSTILE_SERVICE, reportFixture } from "./fixtures/model.ts";

// The PDF as a reader sees it: poppler renders its pages to pictures and extracts the text
// a viewer would show, page by page.

const why = "the PDF report is not looked at";
const pdftoppm = requireBinary("pdftoppm", why, "poppler-utils");
const pdftotext = requireBinary("pdftotext", why, "poppler-utils");
const pdfinfo = requireBinary("pdfinfo", why, "poppler-utils");

/** What starts each page of the fixture's report: the summary, a page per section, the compliance table over two. */
const PAGE_HEADINGS = [
  "Quarterly business review 2026-Q3",
  "COO: Cost of delivery",
  "CFO: Compliance, cost and revenue",
  "CISO: Vulnerabilities and controls",
  "CTO: Delivery performance",
  "Compliance",
  "Deployment",
  "Data quality",
  "Appendix: definitions",
];

const model = reportFixture();
const dir = mkdtempSync(join(tmpdir(), "kpi-report-pdf-"));
const pdf = join(dir, "report.pdf");
let pages: string[] = [];

beforeAll(async () => {
  writeFileSync(pdf, await renderPdf(model));
  if (pdftotext) pages = pageTexts(pdftotext, pdf);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!pdftoppm || !pdftotext || !pdfinfo)("PDF report as rendered by poppler", () => {
  it("renders to the expected A4 pages, none of them blank", () => {
    const pngDir = mkdtempSync(join(dir, "png-"));
    const files = pngPages(pdftoppm ?? "", pdf, pngDir, 50);
    expect(files).toHaveLength(PAGE_HEADINGS.length);
    for (const file of files) {
      const size = pngSize(file);
      expect(Math.abs(size.width - 413)).toBeLessThanOrEqual(1);
      expect(Math.abs(size.height - 585)).toBeLessThanOrEqual(1);
      // A blank page compresses to under 2 kB; these carry text, tables and charts.
      expect(statSync(file).size).toBeGreaterThan(15_000);
    }
    const info = pdfInfo(pdfinfo ?? "", pdf);
    expect(info.Pages).toBe(String(PAGE_HEADINGS.length));
    expect(info["Page size"]).toContain("(A4)");
    expect(info.Title).toBe("Quarterly business review 2026-Q3");
    expect(info.CreationDate).toMatch(/Sep 30 23:59:59 2026 UTC/);
  });

  it("starts each section on its own page, numbered in the footer and the contents", () => {
    expect(pages).toHaveLength(PAGE_HEADINGS.length);
    pages.forEach((text, index) => {
      const lines = text
        .split("\n")
        .map((line) => line.trim())
        .filter(Boolean);
      expect(lines[0]).toMatch(/^Quarterly business review 2026-Q3 · Organisation/);
      expect(lines[1]).toMatch(new RegExp(`^${PAGE_HEADINGS[index]}`));
      expect(lines.at(-1)).toMatch(
        new RegExp(`KPIs as of 2026-09-30 23:59 UTC · amounts in EUR\\s+Page ${index + 1} of 9$`),
      );
    });
    expect(pages[0]).toMatch(/COO: Cost of delivery\s+2\n/);
    expect(pages[0]).toMatch(/Compliance\s+6\n/);
    expect(pages[0]).toMatch(/Appendix: definitions\s+9\n/);
  });

  it("shows the headline values and their changes on page one", () => {
    for (const row of model.summary) {
      expect(pages[0]).toContain(row.label.slice(0, 20));
      expect(pages[0]).toContain(formatValue(row.value, row.unit, model.currency));
    }
    expect(pages[0]).toContain("−1.6 pp");
    expect(pages[0]).toContain("was medium");
    expect(pages[0]).toContain("382 of 412 production deployments compliant (92.7%)");
  });

  it("draws the trend charts: their axes are text on the page and their bars are in colour", () => {
    expect(pages[1]).toContain("Monthly trends");
    expect(pages[1]).toMatch(/2026-04\s+2026-05\s+2026-06\s+2026-07\s+2026-08\s+2026-09/);
    expect(pages[1]).toContain("per day");
    expect(pages[4]).toContain("days");
    const page = rasterPage(pdftoppm ?? "", pdf, 2, 50, dir);
    // This quarter's bars and lines are #2f5d9e: a few thousand pixels at 50 dpi, not a stray one.
    expect(countColour(page, "#2f5d9e")).toBeGreaterThan(1_000);
    expect(countColour(rasterPage(pdftoppm ?? "", pdf, 8, 50, dir), "#2f5d9e")).toBeLessThan(50);
  });

  it("lists every non-compliant deployment, repeating the table header on the next page", () => {
    const compliance = `${pages[5]}${pages[6]}`;
    for (const deployment of model.compliance.nonCompliant)
      expect(compliance).toContain(deployment.id);
    for (const page of [pages[5], pages[6]])
      expect(page).toMatch(/Deployment\s+Service\s+Team\s+Finished\s+Missed controls/);
    expect(compliance).toContain("Change approval: no change approval recorded");
  });

  it("shows data quality as text, hostile names included, and the definitions", () => {
    expect(pages[7]).toContain(HOSTILE_SERVICE);
    expect(pages[7]).toContain("401 Unauthorized <check the API key>");
    expect(pages[7]).toContain("7.3%");
    expect(pages[8]).toContain("kpi_compliance_coverage_ratio");
    expect(pages[8]).toContain("deployedAt − firstCommitAt");
    expect(pages[8]).toMatch(/lead_time\s+≤ 1 day\s+≤ 7 days\s+≤ 30 days\s+longer/);
  });
});
