import { describe, expect, it } from "vitest";
import { renderHtml } from "../../src/reports/html/index.ts";
import { renderPdf } from "../../src/reports/pdf/index.ts";
import { reportFixture } from "./fixtures/model.ts";

// What the bytes themselves show; test/reports/pdf-visual.test.ts reads the PDF as a viewer.

describe("PDF report bytes", () => {
  it("is a PDF with its fonts embedded, so it reads the same on every machine", async () => {
    const pdf = await renderPdf(reportFixture());
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(pdf.subarray(-6).toString("latin1")).toContain("%%EOF");
    const text = pdf.toString("latin1");
    expect(text).toContain("/FontFile2");
    expect(text).toMatch(/\/BaseFont \/[A-Z]{6}\+Roboto-Regular/);
    // The 14 standard fonts are never embedded: their use would make the text machine-dependent.
    expect(text).not.toMatch(/\/BaseFont \/(Helvetica|Times|Courier)/);
  });

  it("gives the same bytes for the same model, whatever was rendered before", async () => {
    const first = await renderPdf(reportFixture());
    await renderHtml(reportFixture());
    const other = reportFixture();
    other.quarter.id = "2026-Q4";
    await renderPdf(other);
    const again = await renderPdf(reportFixture());
    expect(again.equals(first)).toBe(true);
  });

  it("takes its dates from the model, not from the clock", async () => {
    const later = reportFixture();
    later.generatedAt = "2026-10-02T08:00:00.000Z";
    const [a, b] = await Promise.all([renderPdf(reportFixture()), renderPdf(later)]);
    expect(a.equals(b)).toBe(false);
  });
});
