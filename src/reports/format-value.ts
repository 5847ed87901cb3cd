import type { ValueUnit } from "../vocabulary/kpi-catalogue.ts";
import type { LevelName } from "./value-types.ts";

// How a report shows a value to a person. Renderers share these so the HTML, the PDF and
// the XLSX's formatted cells read the same; the raw numbers stay in the model.

const NO_DATA = "—";
/** DORA performance levels by value (contract §5). */
export const LEVEL_NAMES: Record<number, LevelName> = {
  3: "elite",
  2: "high",
  1: "medium",
  0: "low",
};
const MINUS = "−";

function decimals(n: number): string {
  const abs = Math.abs(n);
  return abs >= 100 ? n.toFixed(0) : abs >= 10 ? n.toFixed(1) : n.toFixed(2);
}

function duration(seconds: number): string {
  const abs = Math.abs(seconds);
  if (abs < 60) return `${decimals(seconds)} s`;
  if (abs < 3_600) return `${decimals(seconds / 60)} min`;
  if (abs < 86_400) return `${decimals(seconds / 3_600)} h`;
  return `${decimals(seconds / 86_400)} d`;
}

function money(value: number, currency: string): string {
  try {
    return new Intl.NumberFormat("en-GB", {
      style: "currency",
      currency,
      // To the cent whatever the size: finance reconciles these with the ledger.
      minimumFractionDigits: 2,
      maximumFractionDigits: 2,
    }).format(value);
  } catch {
    // A currency code Intl does not know still reads unambiguously as "1,234.00 XYZ".
    return `${value.toLocaleString("en-GB", { maximumFractionDigits: 2 })} ${currency}`;
  }
}

/** A value in its unit for people: "3.5 h", "12.5%", "0.43/day", "€1,234.00", "17". */
export function formatValue(value: number | null, unit: ValueUnit, currency: string): string {
  if (value === null) return NO_DATA;
  switch (unit) {
    case "seconds":
      return duration(value);
    case "ratio":
      return `${(value * 100).toFixed(1)}%`;
    case "per_day":
      return `${decimals(value)}/day`;
    case "currency":
      return money(value, currency);
    case "count":
      return Math.round(value).toLocaleString("en-GB");
    case "level":
      return `${LEVEL_NAMES[value] ?? "unknown"} (${value})`;
  }
}

function signed(text: string, n: number): string {
  return n > 0 ? `+${text}` : n < 0 ? `${MINUS}${text.replace(/^-/, "")}` : text;
}

/**
 * Quarter-on-quarter change for people: percentage points for ratios ("+2.1 pp"), the
 * relative change otherwise ("−12.5%"); "—" when there is nothing to compare.
 */
export function formatChange(row: {
  unit: ValueUnit;
  change: number | null;
  delta: number | null;
}): string {
  if (row.unit === "ratio") {
    if (row.delta === null) return NO_DATA;
    return `${signed((row.delta * 100).toFixed(1), row.delta)} pp`;
  }
  if (row.change === null) return NO_DATA;
  return `${signed((row.change * 100).toFixed(1), row.change)}%`;
}
