import { describe, expect, it } from "vitest";
import { renderReportOffThread } from "../../src/reports/off-thread.ts";
import { renderReport } from "../../src/reports/render.ts";
import { reportFixture } from "./fixtures/model.ts";

// The server renders the heavy formats in a worker thread (decision 154): the same bytes
// as rendering in place, and an abort ends the worker instead of waiting for it.

describe("rendering a report off the event loop", () => {
  it.each(["pdf", "xlsx", "html", "csv"] as const)("gives the same %s bytes", async (format) => {
    const model = reportFixture();
    const here = await renderReport(model, format);
    const there = await renderReportOffThread(model, format);
    expect(there.contentType).toBe(here.contentType);
    expect(Buffer.from(there.body).equals(Buffer.from(here.body))).toBe(true);
  });

  it("stops when the request is abandoned", async () => {
    const gone = new AbortController();
    const rendering = renderReportOffThread(reportFixture(), "pdf", gone.signal);
    gone.abort();
    await expect(rendering).rejects.toThrow("the pdf report renderer stopped");
  });
});
