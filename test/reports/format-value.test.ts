import { expect, test } from "vitest";
import { formatChange, formatValue } from "../../src/reports/model.ts";

// What people read in the HTML, PDF and XLSX: amounts to the cent whatever their size, so
// a CFO can reconcile them with the dashboards and the ledger.

test("amounts show cents at every size, in the reporting currency", () => {
  expect(formatValue(48_213.57, "currency", "EUR")).toBe("€48,213.57");
  expect(formatValue(412.3, "currency", "EUR")).toBe("€412.30");
  expect(formatValue(-1_250_000, "currency", "USD")).toBe("-US$1,250,000.00");
  // Intl separates an unknown code with a no-break space.
  expect(formatValue(12.5, "currency", "XTS")).toMatch(/^XTS\s12\.50$/);
});

test("durations, ratios, rates, counts and levels read in their own units", () => {
  expect(formatValue(5_400, "seconds", "EUR")).toBe("1.50 h");
  expect(formatValue(0.962, "ratio", "EUR")).toBe("96.2%");
  expect(formatValue(1.35, "per_day", "EUR")).toBe("1.35/day");
  expect(formatValue(1_234.4, "count", "EUR")).toBe("1,234");
  expect(formatValue(3, "level", "EUR")).toBe("elite (3)");
  expect(formatValue(null, "ratio", "EUR")).toBe("—");
});

test("a ratio's change is in percentage points, others relative", () => {
  expect(formatChange({ unit: "ratio", change: -0.016, delta: -0.016 })).toContain("pp");
});
