import type { CostCategory, CostRow } from "../../domain/records.ts";
import type { DailyGroup } from "./daily-costs.ts";
import { isoDay } from "./values.ts";

// Billing data is restated: a provider re-exports a month with corrected amounts, a tag
// is added late, the catalogue moves a selector. Row identities make a re-read replace
// the groups it still has; a group that vanished from the new data (its cost moved to
// another service, or went away) would otherwise keep its old amount for ever. So each
// origin remembers, per unit it restates, the groups it stored, and a re-read of that
// unit stores the vanished ones as zero. The memory is a sync cursor, written in the
// transaction that stores the rows.

/** A stable identity: the same origin, scope, day, category, service and currency is the same row. */
export function dailyRowId(
  origin: string,
  scope: string,
  day: number,
  category: CostCategory,
  service: string | undefined,
  currency: string,
): string {
  // JSON keeps the parts apart whatever characters an account or file name holds.
  return JSON.stringify([origin, scope, isoDay(day), category, service ?? null, currency]);
}

export function toCostRow(origin: string, group: DailyGroup): CostRow {
  const amount = group.sum + group.compensation;
  return {
    id: dailyRowId(origin, group.scope, group.day, group.category, group.service, group.currency),
    amount: amount * group.rate,
    originalAmount: amount,
    originalCurrency: group.currency,
    periodStart: group.day,
    // A charge starting that day may run longer (a monthly fee); it still counts on its day.
    periodEnd: Math.max(group.end, group.day),
    category: group.category,
    ...(group.service !== undefined && { service: group.service }),
  };
}

/** [scope, ISO day, category, service or null, currency, period end] */
type StoredGroup = [string, string, CostCategory, string | null, string, number];

/** Unit key (starting with its ISO day) → the groups last stored for it. */
export type RestatementState = Record<string, StoredGroup[]>;

/** One cursor per origin and month keeps each write small, whatever the history. */
export const restatementCursorKey = (origin: string, month: string) =>
  `restated:${origin}:${month}`;

/** The month (YYYY-MM) of a unit key. */
export const monthOf = (unit: string) => unit.slice(0, 7);

export function readRestatementState(value: unknown): RestatementState {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return {};
  const state: RestatementState = {};
  for (const [unit, groups] of Object.entries(value))
    if (Array.isArray(groups)) state[unit] = groups.filter(isStoredGroup);
  return state;
}

function isStoredGroup(value: unknown): value is StoredGroup {
  return Array.isArray(value) && value.length === 6 && typeof value[0] === "string";
}

function zeroRow(origin: string, stored: StoredGroup): CostRow {
  const [scope, day, category, service, currency, end] = stored;
  const start = Date.parse(`${day}T00:00:00Z`);
  return {
    id: dailyRowId(origin, scope, start, category, service ?? undefined, currency),
    amount: 0,
    originalAmount: 0,
    originalCurrency: currency,
    periodStart: start,
    periodEnd: Math.max(start, end),
    category,
    // Unattributed: the service it named may since have left the catalogue.
  };
}

export interface Restatement {
  rows: CostRow[];
  state: RestatementState;
}

/**
 * The rows to store for the groups read from an origin, which restate every unit in
 * `covered` (and only those): the groups' own rows, and a zero row for each group stored
 * earlier for a covered unit that the new data no longer has.
 */
export function restate(
  origin: string,
  groups: Iterable<DailyGroup>,
  unitOf: (group: { scope: string; day: number }) => string,
  covered: ReadonlySet<string>,
  previous: RestatementState,
): Restatement {
  const rows: CostRow[] = [];
  const state: RestatementState = {};
  for (const [unit, stored] of Object.entries(previous))
    if (!covered.has(unit)) state[unit] = stored;
  const present = new Set<string>();
  for (const group of groups) {
    const row = toCostRow(origin, group);
    rows.push(row);
    present.add(row.id);
    const unit = unitOf(group);
    const stored: StoredGroup = [
      group.scope,
      isoDay(group.day),
      group.category,
      group.service ?? null,
      group.currency,
      row.periodEnd,
    ];
    const groupsOfUnit = state[unit];
    if (groupsOfUnit) groupsOfUnit.push(stored);
    else state[unit] = [stored];
  }
  for (const unit of covered)
    for (const stored of previous[unit] ?? []) {
      const zero = zeroRow(origin, stored);
      if (!present.has(zero.id)) rows.push(zero);
    }
  return { rows, state };
}
