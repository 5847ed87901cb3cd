import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { REPO } from "../../support/cli.ts";
import { type CliSession, cliSession } from "../../support/cli-session.ts";
import { sample } from "../../support/exposition.ts";

// `import --format experiments` then `metrics`, on test/fixtures/experiments/results.csv:
//   free-shipping-threshold → acme/shop#41 (PR URL), deployed 06-15: control 320 000 / 8 000
//     = 40 €, treatment 344 000 / 8 000 = 43 €: estimate 3 · 8 000 = 24 000 €;
//     lift bounds [2.5 %, 12.5 %] of 40 € = [1 €, 5 €] per user: low 8 000 €, high 40 000 €
//   "gift wrap, upsell" → acme/gifts#45 (commit c0ffee1), deployed 06-26, a ratio metric in
//     USD at 0.5: 60 000 / 2 400 = 25 $ = 12.5 €, 67 200 / 2 400 = 28 $ = 14 €:
//     estimate 1.5 · 2 400 orders = 3 600 €, no bounds
//   refused: checkout-copy (line 8, p = 0.0002), search-ranking (line 10, #999 is no stored
//   change), banner-colour (line 11, "1,200" is not a number)

const AS_OF = "2026-06-30T00:00:00Z";
const CSV = join(REPO, "test/fixtures/experiments/results.csv");
let session: CliSession;

const cli = (args: string[]) => session.cli(args);

beforeAll(async () => {
  session = await cliSession({
    name: "experiments-csv",
    asOf: AS_OF,
    config: `version: kpi-exporter/v1
currency: EUR
currency_rates: { USD: 0.5 }
teams:
  - name: web
    services:
      - { name: shop, repositories: [acme/shop] }
      - { name: gifts, repositories: [acme/gifts] }
`,
  });
  const lines = [
    { kind: "change", id: "acme/shop#41", service: "shop", mergedAt: "2026-06-15T09:00:00Z" },
    {
      kind: "deployment",
      id: "d-41",
      service: "shop",
      environment: "production",
      finishedAt: "2026-06-15T12:00:00Z",
      commitSha: "41aa",
      changes: ["acme/shop#41"],
    },
    {
      kind: "change",
      id: "acme/gifts#45",
      service: "gifts",
      mergedAt: "2026-06-26T09:00:00Z",
      commits: [
        { sha: "c0ffee1f6b2a4d19e5c7a3b8d0e2f4a6c8e0b2d4", authoredAt: "2026-06-25T16:00:00Z" },
      ],
    },
    {
      kind: "deployment",
      id: "d-45",
      service: "gifts",
      environment: "production",
      finishedAt: "2026-06-26T12:00:00Z",
      commitSha: "45aa",
      changes: ["acme/gifts#45"],
    },
  ];
  await writeFile(
    join(session.dir, "delivery.ndjson"),
    lines.map((l) => JSON.stringify(l)).join("\n"),
  );
});
afterAll(async () => {
  await session?.close();
});

describe("experiment results from CSV", () => {
  let imported = { code: 0 as number | null, stdout: "", stderr: "" };
  let metrics = "";
  beforeAll(async () => {
    expect((await cli(["import", join(session.dir, "delivery.ndjson")])).code).toBe(0);
    imported = await cli(["import", "--format", "experiments", CSV]);
    metrics = (await cli(["metrics"])).stdout;
  }, 120_000);

  test("valid results are stored; each refused row names its line, column and reason", () => {
    expect(imported.code).toBe(2);
    expect(imported.stdout).toMatch(/^accepted experiment 2; 2 written, 0 unchanged, 3 rejected/);
    expect(imported.stderr.split("\n").filter(Boolean)).toEqual([
      `${CSV}:11: experiment users: expected a number with a dot for decimals, got "1,200" [invalid_field]`,
      `${CSV}:8: experiment srm_p_value: experiment checkout-copy: sample ratio mismatch (p = 0.0002 < 0.001, line 7) [sample_ratio_mismatch]`,
      `${CSV}:10: experiment change: no stored change is pull request #999; name its repository (owner/repo#N) [invalid_field]`,
    ]);
  });

  test("revenue impact per service, team and window", () => {
    const impact = (labels: string) => sample(metrics, "kpi_revenue_impact", labels);
    const shop = 'window="30d",team="web",service="shop",currency="EUR"';
    expect(impact(`${shop},bound="estimate"`)).toBe(24_000);
    expect(impact(`${shop},bound="low"`)).toBe(8_000);
    expect(impact(`${shop},bound="high"`)).toBe(40_000);
    const gifts = 'window="30d",team="web",service="gifts",currency="EUR"';
    expect(impact(`${gifts},bound="estimate"`)).toBe(3_600);
    // No bounds for the gift-wrap result, so none for any scope holding it (decision 25).
    expect(impact(`${gifts},bound="low"`)).toBeUndefined();
    expect(impact('window="30d",team="web",currency="EUR",bound="estimate"')).toBe(27_600);
    expect(impact('window="30d",team="web",currency="EUR",bound="high"')).toBeUndefined();
    expect(
      sample(metrics, "kpi_revenue_impact_per_change", 'window="30d",team="web",currency="EUR"'),
    ).toBe(13_800);
    // 7d (after 06-23): gift wrap only.
    expect(impact('window="7d",currency="EUR",bound="estimate"')).toBe(3_600);
  });

  test("importing the file again changes nothing", async () => {
    const again = await cli(["import", "--format", "experiments", CSV]);
    expect(again.stdout).toMatch(/^accepted experiment 2; 0 written, 2 unchanged, 3 rejected/);
  }, 60_000);
});
