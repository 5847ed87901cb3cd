import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type CliSession, cliSession } from "../../support/cli-session.ts";
import { sample } from "../../support/exposition.ts";
import { type FakeGrowthbook, startFakeGrowthbook } from "../../support/fake-growthbook.ts";

// Changes imported, GrowthBook synced over real HTTP (test/fixtures/growthbook), then
// `metrics`. Revenue is in USD, reported in EUR at 0.5. Per stopped, linked experiment:
//   checkout-button → acme/checkout#311 (PR URL in the description), deployed 06-10:
//     control 40 $, lift 6.25 % [1.5625 %, 10.9375 %], 10 000 users:
//     estimate 40·0.0625·10 000 = 25 000 $ = 12 500 €; low 6 250 $ = 3 125 €; high 43 750 $ = 21 875 €
//   one-click-refund → #318 (tag commit:9fceb02, one of its commits), deployed 06-20:
//     control 20 $; B −25 % [−37.5, −12.5] × 5 000; C +12.5 % [6.25, 18.75] × 4 000:
//     estimate −25 000 + 10 000 = −15 000 $ = −7 500 €; low −37 500 + 5 000 = −32 500 $ = −16 250 €;
//     high −12 500 + 15 000 = 2 500 $ = 1 250 €
//   hero-banner → acme/web#80 (config links by its feature key new-hero, over its pr:
//     tag), deployed 06-25: control 10 $, +50 % [25, 75] × 2 000: 5 000 €, 2 500 €, 7 500 €
//   old-web-search → acme/web#77 (owner/repo#N in the description), deployed 05-20:
//     control 8 $, +25 % [12.5, 37.5] × 1 000: 1 000 €, 500 €, 1 500 €
// Not counted: address-autocomplete (SRM p = 0.0004), express-checkout (running),
// footer-links (no reference), saved-cards (pr:311 → #311, but no snapshot yet).

const AS_OF = "2026-06-30T00:00:00Z";
const KEY = "secret_abc123DEF456";
let fake: FakeGrowthbook;
let session: CliSession;

const deployment = (id: string, service: string, at: string, change: string) => ({
  kind: "deployment",
  id,
  service,
  environment: "production",
  finishedAt: at,
  commitSha: `${id.replace(/\D/g, "").padEnd(40, "a")}`,
  changes: [change],
});
const change = (id: string, service: string, mergedAt: string, extra = {}) => ({
  kind: "change",
  id,
  service,
  mergedAt,
  ...extra,
});

beforeAll(async () => {
  fake = await startFakeGrowthbook({ apiKey: KEY, pageSize: 3 });
  session = await cliSession({
    name: "growthbook-e2e",
    asOf: AS_OF,
    env: { GROWTHBOOK_API_KEY: KEY },
    config: `version: kpi-exporter/v1
currency: EUR
currency_rates: { USD: 0.5 }
sources:
  growthbook:
    base_url: "${fake.url}"
    currency: USD
    links: { new-hero: "https://github.com/acme/web/pull/80" }
teams:
  - name: payments
    services: [{ name: checkout, repositories: [acme/checkout] }]
  - name: web
    services: [{ name: storefront, repositories: [acme/web] }]
`,
  });
  const sha318 = "9fceb02d0ae598e95dc970b74767f19372d61af8";
  const lines = [
    change("acme/checkout#311", "checkout", "2026-06-10T09:00:00Z"),
    deployment("d-311", "checkout", "2026-06-10T12:00:00Z", "acme/checkout#311"),
    change("acme/checkout#318", "checkout", "2026-06-20T09:00:00Z", {
      commits: [{ sha: sha318, authoredAt: "2026-06-19T15:00:00Z" }],
    }),
    deployment("d-318", "checkout", "2026-06-20T12:00:00Z", "acme/checkout#318"),
    change("acme/web#77", "storefront", "2026-05-20T09:00:00Z"),
    deployment("d-77", "storefront", "2026-05-20T12:00:00Z", "acme/web#77"),
    change("acme/web#80", "storefront", "2026-06-25T09:00:00Z"),
    deployment("d-80", "storefront", "2026-06-25T12:00:00Z", "acme/web#80"),
  ];
  await writeFile(
    join(session.dir, "delivery.ndjson"),
    lines.map((l) => JSON.stringify(l)).join("\n"),
  );
});
afterAll(async () => {
  await fake?.close();
  await session?.close();
});

const cli = (args: string[]) => session.cli(args);

describe("GrowthBook sync end to end", () => {
  let metrics = "";
  let sync = { code: 0 as number | null, stdout: "", stderr: "" };
  beforeAll(async () => {
    expect((await cli(["import", join(session.dir, "delivery.ndjson")])).code).toBe(0);
    fake.rateLimit(/\/results$/, 1);
    sync = await cli(["sync", "--source", "growthbook"]);
    metrics = (await cli(["metrics"])).stdout;
  }, 120_000);

  test("stores one result per treatment and says what it skipped, and why", () => {
    expect(sync.code).toBe(0);
    // checkout-button 1 + one-click-refund 2 + hero-banner 1 + old-web-search 1.
    expect(sync.stdout).toMatch(/growthbook: ok; 5 records written/);
    expect(sync.stderr).toMatch(
      /7 stopped experiments: 4 with results stored, 1 failed the sample-ratio check, 1 not linked to a change, 1 skipped/,
    );
    expect(sync.stderr).toMatch(
      /experiment=exp_19g61tm2m1w2c7 .*reason="sample ratio mismatch: p = 0.0004 < 0.001/,
    );
    // Unlinked and running experiments cost no results request; the 429 was waited out.
    const results = fake.requests.filter((r) => r.path.endsWith("/results"));
    expect(results.some((r) => r.path.includes("exp_19g61tm2m1y3e5"))).toBe(false);
    expect(results.some((r) => r.path.includes("exp_19g61tm2m1x9d4"))).toBe(false);
    expect(results.map((r) => r.status).filter((s) => s === 429)).toEqual([429]);
  });

  test("revenue impact per scope and window, converted to EUR", () => {
    const impact = (labels: string) => sample(metrics, "kpi_revenue_impact", labels);
    const perChange = (labels: string) => sample(metrics, "kpi_revenue_impact_per_change", labels);
    const checkout = 'window="30d",team="payments",service="checkout",currency="EUR"';
    expect(impact(`${checkout},bound="estimate"`)).toBe(5_000); // 12 500 − 7 500
    expect(impact(`${checkout},bound="low"`)).toBe(-13_125); // 3 125 − 16 250
    expect(impact(`${checkout},bound="high"`)).toBe(23_125); // 21 875 + 1 250
    expect(perChange(checkout)).toBe(2_500); // two changes
    const store30 = 'window="30d",team="web",service="storefront",currency="EUR"';
    expect(impact(`${store30},bound="estimate"`)).toBe(5_000); // #80 only; #77 is older
    expect(impact('window="30d",team="web",currency="EUR",bound="high"')).toBe(7_500);
    expect(impact('window="30d",currency="EUR",bound="estimate"')).toBe(10_000);
    expect(impact('window="30d",currency="EUR",bound="low"')).toBe(-10_625);
    expect(impact('window="30d",currency="EUR",bound="high"')).toBe(30_625);
    expect(perChange('window="30d",currency="EUR"')).toBeCloseTo(10_000 / 3, 9);
    // 7d: #80 (06-25) only; checkout has no change deployed in it, so no series.
    expect(impact('window="7d",currency="EUR",bound="estimate"')).toBe(5_000);
    expect(impact('window="7d",team="payments",currency="EUR",bound="estimate"')).toBeUndefined();
    // 90d adds #77: storefront 5 000 + 1 000.
    expect(impact('window="90d",team="web",service="storefront",currency="EUR",bound="low"')).toBe(
      3_000,
    );
    expect(perChange('window="90d",team="web",service="storefront",currency="EUR"')).toBe(3_000);
    expect(impact('window="90d",currency="EUR",bound="estimate"')).toBe(11_000);
    expect(perChange('window="90d",currency="EUR"')).toBe(2_750); // 11 000 / 4
  });

  test("a second sync is answered from ETags and changes nothing", async () => {
    fake.requests.length = 0;
    const again = await cli(["sync", "--source", "growthbook"]);
    expect(again.stdout).toMatch(/growthbook: ok; 0 records written/);
    expect(fake.requests.filter((r) => r.status === 200)).toEqual([]);
    expect(fake.requests.filter((r) => r.status === 304).length).toBeGreaterThan(0);
  }, 60_000);
});
