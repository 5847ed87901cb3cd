import type { CostCategory } from "../../domain/records.ts";
import { DAY_MS, detach } from "./values.ts";

// Billing rows are summed per billing scope (account), UTC day, cost category, attributed
// service and currency before anything is stored: a month of hourly line items becomes a
// few rows per service and day, and the store never holds raw billing lines. Sums are
// compensated (Neumaier), so ten million small amounts still add up to the cent.

export interface DailyGroup {
  /** Billing account (FOCUS BillingAccountId, OpenCost invoiceEntityID). */
  scope: string;
  /** UTC midnight of the charge period start. */
  day: number;
  category: CostCategory;
  service: string | undefined;
  currency: string;
  /** Reporting-currency value of one unit of currency. */
  rate: number;
  sum: number;
  compensation: number;
  /** Latest charge period end among the group's rows. */
  end: number;
  rows: number;
}

const SERVICE_IDS = 2 ** 20;
const CURRENCY_IDS = 2 ** 8;

type DayGroups = Map<number, DailyGroup>;

export class DailyCosts {
  // Groups by scope, then day and category, then service and currency, keyed by small
  // integers: a row is added without building a key string or number object (ten million
  // rows would make ten million of them). The last scope and day are remembered, as
  // exports list a period's rows together. null: a scope the store could not hold (NUL,
  // lone surrogates), checked once per scope.
  private readonly byScope = new Map<string, Map<number, DayGroups> | null>();
  private readonly serviceIds = new Map<string, number>();
  private readonly currencyIds = new Map<string, number>();
  private count = 0;
  private lastScope: string | undefined;
  private lastDays: Map<number, DayGroups> | null | undefined;
  private lastDayKey = Number.NaN;
  private lastDay: DayGroups | undefined;

  /** Adds an amount to its group; false when the scope cannot be stored (nothing added). */
  add(
    scope: string,
    day: number,
    category: CostCategory,
    service: string | undefined,
    currency: string,
    rate: number,
    amount: number,
    end: number,
  ): boolean {
    let days = scope === this.lastScope ? this.lastDays : this.byScope.get(scope);
    if (days === undefined) {
      days = storable(scope) ? new Map() : null;
      this.byScope.set(detach(scope), days);
    }
    if (days === null) return false;
    const dayKey = Math.round(day / DAY_MS) * 2 + (category === "ci" ? 1 : 0);
    let groups =
      scope === this.lastScope && dayKey === this.lastDayKey ? this.lastDay : days.get(dayKey);
    if (groups === undefined) {
      groups = new Map();
      days.set(dayKey, groups);
    }
    this.lastScope = scope;
    this.lastDays = days;
    this.lastDayKey = dayKey;
    this.lastDay = groups;
    const serviceId = idOf(this.serviceIds, service ?? "", SERVICE_IDS);
    const key = serviceId * CURRENCY_IDS + idOf(this.currencyIds, currency, CURRENCY_IDS);
    let group = groups.get(key);
    if (group === undefined) {
      group = {
        scope: detach(scope),
        day,
        category,
        service,
        currency: detach(currency),
        rate,
        sum: 0,
        compensation: 0,
        end,
        rows: 0,
      };
      groups.set(key, group);
      this.count++;
    }
    const total = group.sum + amount;
    group.compensation +=
      Math.abs(group.sum) >= Math.abs(amount)
        ? group.sum - total + amount
        : amount - total + group.sum;
    group.sum = total;
    if (end > group.end) group.end = end;
    group.rows++;
    return true;
  }

  get size(): number {
    return this.count;
  }

  *groups(): IterableIterator<DailyGroup> {
    for (const days of this.byScope.values())
      if (days) for (const groups of days.values()) yield* groups.values();
  }
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** What PostgreSQL text and jsonb can hold (docs/decisions/import.md, Import). */
export const storable = (text: string) => !text.includes("\u0000") && !LONE_SURROGATE.test(text);

function idOf(ids: Map<string, number>, name: string, limit: number): number {
  let id = ids.get(name);
  if (id === undefined) {
    id = ids.size;
    if (id >= limit) throw new Error(`more than ${limit} distinct values to group costs by`);
    ids.set(detach(name), id);
  }
  return id;
}
