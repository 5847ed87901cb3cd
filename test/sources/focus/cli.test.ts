import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { runCli } from "../../support/cli.ts";
import { sample } from "../../support/exposition.ts";
import { FOCUS_10, focusCsv, usage } from "./files.ts";
import {
  effectiveCost,
  SAMPLE,
  SAMPLE_CATALOGUE,
  sampleRows,
  sampleService,
} from "./independent.ts";

// What a user runs: `import --format focus` into a data directory, then `metrics`. The
// reporting currency is EUR at 0.5 per USD (exact in binary), so every figure is half
// the file's dollars.

const AS_OF = "2024-10-01T00:00:00Z";
const rows = sampleRows();
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "kpi-focus-cli-"));
  const teams = JSON.stringify(SAMPLE_CATALOGUE);
  await writeFile(
    join(dir, "config.yaml"),
    `version: kpi-exporter/v1\ncurrency: EUR\ncurrency_rates: { USD: 0.5 }\nteams: ${teams}\n`,
  );
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const cli = (store: string, args: string[]) =>
  runCli([
    ...args,
    "--config",
    join(dir, "config.yaml"),
    "--data-dir",
    join(dir, store),
    "--as-of",
    AS_OF,
  ]);

const cost = (exposition: string, labels: string) => sample(exposition, "kpi_cost", labels);

describe("import --format focus, then metrics", () => {
  let metrics = "";
  beforeAll(async () => {
    const imported = await cli("sample", ["import", "--format", "focus", SAMPLE]);
    expect(imported.stderr).toBe("");
    expect(imported.stdout).toMatch(/^accepted cost 1000; \d+ written, 0 unchanged, 0 rejected/);
    expect(imported.code).toBe(0);
    metrics = (await cli("sample", ["metrics"])).stdout;
  }, 60_000);

  test("kpi_cost per window equals the file's EffectiveCost, converted", () => {
    const usd = effectiveCost(rows);
    expect(cost(metrics, 'window="90d",currency="EUR",category="cloud"')).toBeCloseTo(usd / 2, 9);
    // 30d is (Sep 1 00:00, Oct 1 00:00]: a day row starts at midnight, so Sep 1 falls out.
    const from2nd = effectiveCost(rows, (r) => !r.ChargePeriodStart?.startsWith("2024-09-01"));
    expect(cost(metrics, 'window="30d",currency="EUR",category="cloud"')).toBeCloseTo(
      from2nd / 2,
      9,
    );
    // 7d is (Sep 24, Oct 1]: the days Sep 25 to 30.
    const lastWeek = effectiveCost(rows, (r) => (r.ChargePeriodStart ?? "") >= "2024-09-25");
    expect(cost(metrics, 'window="7d",currency="EUR",category="cloud"')).toBeCloseTo(
      lastWeek / 2,
      9,
    );
    expect(metrics).not.toMatch(/kpi_cost\{[^}]*category="ci"/);
  });

  test("attributed services and their team carry their own cost", () => {
    const of = (service: string) => effectiveCost(rows, (r) => sampleService(r) === service) / 2;
    const service = (name: string) =>
      `window="90d",team="finops",service="${name}",currency="EUR",category="cloud"`;
    expect(cost(metrics, service("pathmatrix"))).toBeCloseTo(8, 9);
    expect(cost(metrics, service("atlas"))).toBeCloseTo(-1.5, 9);
    expect(cost(metrics, service("queues"))).toBeCloseTo(of("queues"), 9);
    const team = of("pathmatrix") + of("atlas") + of("queues");
    expect(cost(metrics, 'window="90d",team="finops",currency="EUR",category="cloud"')).toBeCloseTo(
      team,
      9,
    );
    const ratio = metrics
      .split("\n")
      .find((l) => l.startsWith('kpi_cost_attribution_ratio{window="90d"}'));
    expect(Number(ratio?.split(" ")[1])).toBeCloseTo(team / (effectiveCost(rows) / 2), 9);
  });

  test("importing the file a second time changes nothing", async () => {
    const again = await cli("sample", ["import", "--format", "focus", SAMPLE]);
    expect(again.stdout).toMatch(/^accepted cost 1000; 0 written, \d+ unchanged, 0 rejected/);
    expect((await cli("sample", ["metrics"])).stdout).toBe(metrics);
  }, 60_000);
});

describe("bad FOCUS input", () => {
  test("a file lacking columns is named with them, and nothing is stored", async () => {
    const good = join(dir, "good.csv");
    await writeFile(good, focusCsv(FOCUS_10, [usage("2024-09-10", 0, 4)]));
    const bad = join(dir, "bad.csv");
    const header = FOCUS_10.filter((c) => c !== "EffectiveCost" && c !== "BillingCurrency");
    await writeFile(bad, focusCsv(header, [usage("2024-09-10", 0, 4)]));
    const result = await cli("bad-header", ["import", "--format", "focus", good, bad]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `${bad}: not a FOCUS 1.0–1.3 cost and usage export: missing columns EffectiveCost, BillingCurrency`,
    );
    expect((await cli("bad-header", ["metrics"])).stdout).not.toContain("kpi_cost{");
  }, 60_000);

  test("a row in a currency without a rate is rejected by line; the others are stored", async () => {
    const path = join(dir, "yen.csv");
    const dollars = [usage("2024-09-10", 0, 4), usage("2024-09-10", 2, 6)];
    await writeFile(
      path,
      focusCsv(FOCUS_10, [
        dollars[0] as never,
        usage("2024-09-10", 1, 500, { BillingCurrency: "JPY" }),
        dollars[1] as never,
      ]),
    );
    const result = await cli("yen", ["import", "--format", "focus", path]);
    expect(result.code).toBe(2);
    // Line 1 is the header: the yen row is line 3.
    expect(result.stderr).toBe(
      `${path}:3: cost BillingCurrency: no currency_rates entry converts JPY to EUR [unknown_currency]\n`,
    );
    expect(result.stdout).toMatch(/^accepted cost 2; 1 written, 0 unchanged, 1 rejected/);
    const metrics = (await cli("yen", ["metrics"])).stdout;
    // 4 + 6 dollars at 0.5.
    expect(cost(metrics, 'window="30d",currency="EUR",category="cloud"')).toBe(5);
  }, 60_000);
});
