import { describe, expect, test } from "vitest";
import { ingestRules } from "../../../src/import/ingest-rules.ts";
import { parseConfig } from "../../../src/sources/config-file.ts";
import { readFocusFile } from "../../../src/sources/focus/focus-file.ts";
import { LISTED_REJECTIONS } from "../../../src/sources/focus/rejection-log.ts";
import { isoDay } from "../../../src/sources/focus/values.ts";
import { FOCUS_10, focusCsv, tmpDir, usage, writeIn } from "./files.ts";

// Row by row: what counts, what is refused and how the refusal reads. No store needed:
// readFocusFile hands back the day groups and the rejections.

const rules = ingestRules(
  parseConfig({
    version: "kpi-exporter/v1",
    currency: "EUR",
    currency_rates: { USD: 0.5 },
    teams: [
      { name: "web", services: [{ name: "shop", cost_selectors: { tags: { app: "shop" } } }] },
    ],
  }),
);

async function read(content: string) {
  const path = await writeIn(await tmpDir(), "rows.csv", content);
  const result = await readFocusFile(path, "rows.csv", rules);
  return { ...result, groups: [...result.costs.groups()] };
}

describe("FOCUS rows", () => {
  test("each unusable row is rejected with its line, column and reason; the rest count", async () => {
    const rows = [
      usage("2024-09-01", 0, 2),
      usage("2024-09-01", 1, 0, { EffectiveCost: "abc" }),
      usage("2024-09-01", 2, 0, { EffectiveCost: null }),
      usage("2024-09-01", 3, 1, { ChargePeriodStart: "yesterday" }),
      usage("2024-09-01", 4, 1, { ChargePeriodEnd: "2024-09-01T00:00:00Z" }),
      usage("2024-09-01", 5, 1, { Tags: "app=shop" }),
      usage("2024-09-01", 6, 1, { BillingCurrency: "dollars" }),
      usage("2024-09-01", 7, 3),
    ];
    const { accepted, rejected, groups } = await read(`${focusCsv(FOCUS_10, rows)}"too","few"\r\n`);
    expect(accepted).toBe(2);
    expect(rejected.map((r) => [r.line, r.field, r.code])).toEqual([
      [3, "EffectiveCost", "invalid_field"],
      [4, "EffectiveCost", "invalid_field"],
      [5, "ChargePeriodStart", "invalid_field"],
      [6, "ChargePeriodEnd", "invalid_field"],
      [7, "Tags", "invalid_field"],
      [8, "BillingCurrency", "invalid_field"],
      [10, "(row)", "invalid_field"],
    ]);
    expect(rejected[0]?.message).toBe('EffectiveCost: expected a decimal number, got "abc"');
    expect(rejected[3]?.message).toBe("ChargePeriodEnd: must not be before ChargePeriodStart");
    expect(rejected[6]?.message).toBe("(row): has 2 fields, the header 13");
    // 2 + 3 dollars on one day, at 0.5.
    expect(groups.map((g) => [isoDay(g.day), g.sum * g.rate])).toEqual([["2024-09-01", 2.5]]);
  });

  test("times with an offset count on their UTC day; a BOM and a missing last line break are fine", async () => {
    const late = usage("2024-09-01", 0, 7, {
      ChargePeriodStart: "2024-09-02T01:30:00+02:00",
      ChargePeriodEnd: "2024-09-02T02:30:00+02:00",
    });
    const text = `\uFEFF${focusCsv(FOCUS_10, [late]).trimEnd()}`;
    const { accepted, groups } = await read(text);
    expect(accepted).toBe(1);
    // 01:30 at +02:00 is 23:30 UTC the day before.
    expect(groups.map((g) => isoDay(g.day))).toEqual(["2024-09-01"]);
  });

  test("past the first thousand, rejections are counted per reason rather than listed", async () => {
    const rows = Array.from({ length: LISTED_REJECTIONS + 5 }, (_, i) =>
      usage("2024-09-01", i % 24, 1, { BillingCurrency: "JPY" }),
    );
    const { rejected } = await read(focusCsv(FOCUS_10, rows));
    expect(rejected).toHaveLength(LISTED_REJECTIONS + 1);
    expect(rejected.at(-1)).toMatchObject({
      line: LISTED_REJECTIONS + 2,
      code: "unknown_currency",
      message: `5 more rows rejected [unknown_currency] from this line on; only the first ${LISTED_REJECTIONS} rejections of a file are listed`,
    });
  });
});
