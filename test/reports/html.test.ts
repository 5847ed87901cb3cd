import { beforeAll, describe, expect, it } from "vitest";
import { renderHtml } from "../../src/reports/html/index.ts";
import { formatValue } from "../../src/reports/model.ts";
import { HOSTILE_SERVICE, HOSTILE_TEAM, reportFixture } from "./fixtures/model.ts";

const model = reportFixture();
let page = "";

beforeAll(async () => {
  page = await renderHtml(model);
});

/** The text of the element with this id attribute up to the next section. */
function section(id: string): string {
  const start = page.indexOf(`id="${id}"`);
  expect(start, `section ${id}`).toBeGreaterThan(-1);
  const end = page.indexOf("<section", start);
  return page.slice(start, end === -1 ? undefined : end);
}

/** The tone and the text (markup removed) of the change in the KPI table row `label`. */
function changeOf(html: string, label: string): [string, string] {
  const row = html.slice(html.indexOf(`<th scope="row">${label}</th>`));
  const match = /<span class="change tone-(\w+)">(.*?)<\/span>(?:<\/span>)?<\/td>/s.exec(row);
  expect(match, `change of ${label}`).not.toBeNull();
  return [match?.[1] ?? "", (match?.[2] ?? "").replace(/<[^>]*>/g, "")];
}

describe("HTML report", () => {
  it("is one document with the summary first, then each stakeholder, compliance, data quality, definitions", () => {
    expect(page.startsWith("<!DOCTYPE html>")).toBe(true);
    const headings = [...page.matchAll(/<h2>([^<]*)<\/h2>/g)].map((match) => match[1]);
    expect(headings).toEqual([
      "Summary",
      "Contents",
      "COO: Cost of delivery",
      "CFO: Compliance, cost and revenue",
      "CISO: Vulnerabilities and controls",
      "CTO: Delivery performance",
      "Compliance",
      "Data quality",
      "Appendix: definitions",
    ]);
    expect(page).toContain("<title>Quarterly business review 2026-Q3</title>");
  });

  it("needs nothing from outside: no script, no external stylesheet, image or link", () => {
    expect(page).not.toMatch(/<script|<link|<img|<iframe|@import|url\(http/i);
    expect(page).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect([...page.matchAll(/href="([^"]*)"/g)].every((m) => m[1]?.startsWith("#"))).toBe(true);
  });

  it("shows the headline values formatted, with the previous quarter and the change", () => {
    const summary = section("summary");
    for (const row of model.summary) {
      expect(summary).toContain(formatValue(row.value, row.unit, model.currency));
    }
    expect(summary).toContain("1.35/day");
    expect(summary).toContain("2026-Q2: 1.10/day");
    expect(summary).toContain("+22.7%");
    expect(summary).toContain("382 of 412 production deployments compliant (92.7%)");
    expect(summary).toContain("unattributed cost 7.3%; 2 services without data; 2 sources failed");
  });

  it("colours a change by whether that direction is good for the KPI", () => {
    const cfo = section("section-cfo");
    expect(changeOf(cfo, "Compliance coverage")).toEqual(["bad", "−1.6 pp (down, worse)"]);
    expect(changeOf(cfo, "Cost per change")).toEqual(["good", "−9.5% (down, better)"]);
    expect(changeOf(cfo, "Cost attribution ratio")).toEqual(["good", "+2.6 pp (up, better)"]);
    // Total cost has no target: its rise is shown without judgement.
    expect(changeOf(section("section-coo"), "Cloud cost")).toEqual(["neutral", "+7.1% (up)"]);
    const ciso = section("section-ciso");
    expect(changeOf(ciso, "Overdue findings critical")).toEqual(["neutral", "0.0% (unchanged)"]);
    expect(changeOf(ciso, "Control cost: change approval")).toEqual(["neutral", "—"]);
  });

  it("badges DORA levels and says what a level was when it changed", () => {
    const cto = section("section-cto");
    expect(cto).toContain(
      '<span class="level level-elite">elite</span> <span class="was">was high</span>',
    );
    expect(cto).toContain('<span class="level level-high">high</span><');
    expect(cto).toContain('<span class="level level-medium">medium</span>');
  });

  it("draws every trend as inline SVG with its own ids", () => {
    const charts = model.sections.reduce((n, s) => n + s.trends.length, 0);
    expect(page.match(/<svg id="chart-/g)?.length).toBe(charts);
    expect(page).toContain('<svg id="chart-cto-2" role="img"');
    expect(page).toContain('<title id="chart-cto-2-title">Change lead time p50 (days)</title>');
  });

  it("lists every non-compliant deployment with the controls it missed", () => {
    const compliance = section("compliance");
    for (const deployment of model.compliance.nonCompliant)
      expect(compliance).toContain(deployment.id);
    expect(compliance).toContain("<strong>Change approval</strong>: no change approval recorded");
    expect(compliance).toContain("2026-09-30 14:05 UTC");
  });

  it("shows the data-quality notes and the definitions with their inline code", () => {
    const quality = section("data-quality");
    expect(quality).toContain(
      `<strong>7.3%</strong> of the quarter's cost (${formatValue(3_524.41, "currency", "EUR")})`,
    );
    expect(quality).toContain("502 from api.github.com after 3 tries");
    const appendix = section("definitions");
    expect(appendix).toContain("<code>deployedAt − firstCommitAt</code>");
    expect(appendix).toContain("kpi_compliance_coverage_ratio");
  });

  it("escapes names from the data so they show as text and never run", () => {
    expect(page).not.toContain(HOSTILE_SERVICE);
    expect(page).not.toContain("<b>billing</b>");
    expect(page).toContain("&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt;");
    expect(page).toContain("payments &amp; &lt;b&gt;billing&lt;/b&gt;");
    expect(page).toContain("401 Unauthorized &lt;check the API key&gt;");
    expect(HOSTILE_TEAM).toContain("<b>");
  });

  it("gives the same bytes for the same model", async () => {
    expect(await renderHtml(reportFixture())).toBe(page);
  });
});
