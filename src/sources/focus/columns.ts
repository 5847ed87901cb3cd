// The FOCUS columns the importer reads, for every version from 1.0 to 1.3. A file is
// recognised by its header alone, so a wrong file fails before any row is read.

/** Slots of the values a row hands to the row reader, in this order; required ones first. */
export const FIELDS = [
  "EffectiveCost",
  "BillingCurrency",
  "ChargePeriodStart",
  "ChargePeriodEnd",
  "ServiceCategory",
  "BillingAccountId",
  "ServiceSubcategory",
  "Tags",
  "SubAccountId",
  "ResourceId",
  "AllocatedTags",
  "AllocatedResourceId",
] as const;
export type Field = (typeof FIELDS)[number];

export const SLOT = Object.fromEntries(FIELDS.map((name, i) => [name, i])) as Record<Field, number>;

/** Mandatory in every FOCUS version and needed for a cost row: FIELDS lists them first. */
const REQUIRED: readonly Field[] = FIELDS.slice(0, FIELDS.indexOf("ServiceSubcategory"));

/** 1.3 deprecates ProviderName for ServiceProviderName (1.4 drops it): either marks FOCUS. */
const PROVIDER_COLUMNS = ["ProviderName", "ServiceProviderName"];

export class FocusHeaderError extends Error {}

export interface ColumnMap {
  /** Column index → slot in FIELDS, or -1 for a column the importer does not read. */
  slots: Int32Array;
  /** How many columns the header has: every row must have as many. */
  width: number;
}

// Exports differ in spelling only by case and stray spaces; a byte-order mark is an
// encoding artefact of the first name.
const normalise = (name: string) =>
  name
    .replace(/^\uFEFF/, "")
    .trim()
    .toLowerCase();

/**
 * Maps a header onto FIELDS, or throws naming the file and every missing column.
 * Optional columns (Tags, SubAccountId, ResourceId, the 1.3 Allocated* ones,
 * ServiceSubcategory) may be absent: rows then simply lack them.
 */
export function mapColumns(header: readonly string[], file: string): ColumnMap {
  const index = new Map<string, number>();
  header.forEach((name, i) => {
    const key = normalise(name);
    if (!index.has(key)) index.set(key, i);
  });
  const missing = REQUIRED.filter((name) => !index.has(normalise(name)));
  const provider = PROVIDER_COLUMNS.some((name) => index.has(normalise(name)));
  if (missing.length > 0 || !provider) {
    const names: string[] = [...missing];
    if (!provider) names.push(`${PROVIDER_COLUMNS.join(" or ")}`);
    throw new FocusHeaderError(
      `${file}: not a FOCUS 1.0–1.3 cost and usage export: missing column${names.length > 1 ? "s" : ""} ${names.join(", ")}`,
    );
  }
  const slots = new Int32Array(header.length).fill(-1);
  FIELDS.forEach((name, slot) => {
    const column = index.get(normalise(name));
    if (column !== undefined) slots[column] = slot;
  });
  return { slots, width: header.length };
}
