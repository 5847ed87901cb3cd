import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderHtml } from "../../src/reports/html/index.ts";
import { formatValue } from "../../src/reports/model.ts";
import { requireBinary } from "../support/binaries.ts";
import { pngSize } from "../support/poppler.ts";
import { HOSTILE_SERVICE, reportFixture } from "./fixtures/model.ts";

// The HTML report as a reader's browser shows it: Debian's Chromium, headless, loads the
// document with every network request refused, and the test reads what is on screen.

const chromiumPath = requireBinary("chromium", "the HTML report is not looked at", "chromium");
const model = reportFixture();
let browser: Browser | undefined;
let page: Page;
const requests: string[] = [];
const dialogs: string[] = [];

beforeAll(async () => {
  if (!chromiumPath) return;
  browser = await chromium.launch({ executablePath: chromiumPath });
  page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  await page.route("**/*", (route) => {
    requests.push(route.request().url());
    return route.abort();
  });
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.setContent(await renderHtml(model), { waitUntil: "load" });
});

afterAll(async () => {
  await browser?.close();
});

describe.skipIf(!chromiumPath)("HTML report in headless Chromium", () => {
  it("loads without a single request and renders a full-page screenshot", async () => {
    expect(requests).toEqual([]);
    const png = await page.screenshot({ fullPage: true, type: "png" });
    expect(png.length).toBeGreaterThan(200_000);
    const size = pngSize(png);
    expect(size.width).toBe(1100);
    expect(size.height).toBeGreaterThan(5_000);
  });

  it("shows the summary's headline values and each section's title", async () => {
    const summary = await page.locator("#summary").innerText();
    for (const row of model.summary) {
      expect(summary).toContain(formatValue(row.value, row.unit, model.currency));
    }
    for (const title of [
      "COO: Cost of delivery",
      "CTO: Delivery performance",
      "Compliance",
      "Data quality",
    ]) {
      await expect
        .poll(() => page.getByRole("heading", { name: title, exact: true }).isVisible())
        .toBe(true);
    }
  });

  it("draws every trend chart at a readable size, with its bars in colour", async () => {
    const charts = page.locator('svg[id^="chart-"]');
    const expected = model.sections.reduce((n, section) => n + section.trends.length, 0);
    expect(await charts.count()).toBe(expected);
    for (const chart of await charts.all()) {
      const box = await chart.boundingBox();
      expect(box?.width).toBeGreaterThan(400);
      expect(box?.height).toBeGreaterThan(200);
    }
    // This quarter's three bars (the legend's swatch of that colour is placed by a transform).
    const bars = page.locator('#chart-coo-1 path[fill="#2f5d9e"]:not([transform])');
    expect(await bars.count()).toBe(3);
    expect((await bars.first().boundingBox())?.height).toBeGreaterThan(50);
  });

  it("colours changes by what is good for the KPI", async () => {
    const colour = (section: string, label: string) =>
      page
        .locator(`${section} tr`, {
          has: page.getByRole("rowheader", { name: label, exact: true }),
        })
        .locator(".change")
        .evaluate((element) => getComputedStyle(element).color);
    expect(await colour("#section-cfo", "Compliance coverage")).toBe("rgb(198, 40, 40)");
    expect(await colour("#section-cfo", "Cost per change")).toBe("rgb(30, 123, 52)");
  });

  it("shows hostile names as text: nothing runs, no markup appears", async () => {
    expect(dialogs).toEqual([]);
    expect(await page.locator("script").count()).toBe(0);
    expect(await page.locator("b").count()).toBe(0);
    await expect
      .poll(() => page.getByText(HOSTILE_SERVICE, { exact: true }).first().isVisible())
      .toBe(true);
  });

  it("prints each section from a new page with table headers repeated", async () => {
    await page.emulateMedia({ media: "print" });
    const breaks = await page
      .locator("section")
      .evaluateAll((sections) => sections.map((section) => getComputedStyle(section).breakBefore));
    expect(breaks).toEqual(["auto", ...Array(breaks.length - 1).fill("page")]);
    const head = await page
      .locator("#compliance thead")
      .evaluate((e) => getComputedStyle(e).display);
    expect(head).toBe("table-header-group");
    await page.emulateMedia({ media: "screen" });
  });
});
