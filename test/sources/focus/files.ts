import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach } from "vitest";

// Small FOCUS files written by hand for the tests, in the column sets of each version.

/** The FOCUS 1.0 columns the tests fill (mandatory ones, and the attribution columns). */
export const FOCUS_10 = [
  "BilledCost",
  "BillingAccountId",
  "BillingCurrency",
  "ChargeCategory",
  "ChargePeriodEnd",
  "ChargePeriodStart",
  "EffectiveCost",
  "ProviderName",
  "ResourceId",
  "ServiceCategory",
  "ServiceName",
  "SubAccountId",
  "Tags",
];

/** 1.2 and later: ServiceProviderName (1.3 deprecates ProviderName), ServiceSubcategory. */
export const FOCUS_12 = [
  ...FOCUS_10.filter((c) => c !== "ProviderName"),
  "ServiceProviderName",
  "ServiceSubcategory",
  "PricingCurrency",
  "InvoiceId",
];

export const FOCUS_13 = [...FOCUS_12, "AllocatedMethodId", "AllocatedResourceId", "AllocatedTags"];

export type FocusRow = Record<string, string | number | null>;

const cell = (value: string | number | null | undefined) => {
  if (value === null || value === undefined) return "NULL";
  if (typeof value === "number") return String(value);
  return `"${value.replaceAll('"', '""')}"`;
};

/** CSV text with the header's columns, missing values NULL. */
export function focusCsv(header: readonly string[], rows: readonly FocusRow[]): string {
  const lines = [header.join(","), ...rows.map((row) => header.map((c) => cell(row[c])).join(","))];
  return `${lines.join("\r\n")}\r\n`;
}

/** A usage row of one hour on the given day, with sensible defaults. */
export function usage(
  day: string,
  hour: number,
  effectiveCost: number,
  extra: FocusRow = {},
): FocusRow {
  const at = (h: number) => `${day}T${String(h).padStart(2, "0")}:00:00Z`;
  return {
    BilledCost: effectiveCost,
    BillingAccountId: "acct-1",
    BillingCurrency: "USD",
    ChargeCategory: "Usage",
    ChargePeriodStart: at(hour),
    ChargePeriodEnd: hour === 23 ? `${day}T23:59:59Z` : at(hour + 1),
    EffectiveCost: effectiveCost,
    ProviderName: "AWS",
    ServiceProviderName: "AWS",
    ServiceCategory: "Compute",
    ServiceName: "Amazon Elastic Compute Cloud",
    ...extra,
  };
}

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

export async function tmpDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "kpi-focus-"));
  dirs.push(dir);
  return dir;
}

export async function writeIn(dir: string, name: string, content: string | Uint8Array) {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}
