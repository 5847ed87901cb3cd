import type { IngestRules } from "../../import/ingest-rules.ts";
import { MAX_MAGNITUDE } from "../../import/storable.ts";
import type { RejectCode } from "../../vocabulary/reject-codes.ts";
import { ServiceAttribution } from "./attribution.ts";
import { costCategoryOf } from "./category.ts";
import { SLOT } from "./columns.ts";
import { DailyCosts } from "./daily-costs.ts";
import { InstantReader } from "./instants.ts";
import { RejectionLog } from "./rejection-log.ts";
import { BoundedCache, startOfDay, textOf } from "./values.ts";

// One FOCUS row at a time, from CSV text or Parquet values alike: checked, converted to
// the reporting currency (currency_rates), attributed by the catalogue's cost_selectors
// and added to its day's group. A row that cannot be counted is rejected with its line
// and the column at fault; the file's other rows are counted all the same.

const FIRST_INSTANT = Date.parse("0001-01-01T00:00:00Z");
const LAST_INSTANT = Date.parse("9999-12-31T23:59:59.999Z");

interface Refusal {
  field: string;
  reason: string;
  code: RejectCode;
}
type Currency = { code: string; rate: number } | Refusal;

const show = (value: unknown) =>
  typeof value === "string" ? JSON.stringify(value) : String(value);
const refuse = (field: string, reason: string, code: RejectCode = "invalid_field"): Refusal => ({
  field,
  reason,
  code,
});

export class FocusRowReader {
  readonly costs = new DailyCosts();
  readonly rejections: RejectionLog;
  accepted = 0;
  private readonly rules: IngestRules;
  private readonly instants = new InstantReader();
  private readonly attribution: ServiceAttribution;
  private readonly currencies = new BoundedCache<Currency>(1_000);

  constructor(rules: IngestRules, source: string) {
    this.rules = rules;
    this.attribution = new ServiceAttribution(rules.config);
    this.rejections = new RejectionLog(source);
  }

  /** Adds the row to its group, or records why it cannot count. */
  read(v: readonly unknown[], line: number): void {
    const refusal = this.add(v);
    if (refusal) this.rejections.add(line, refusal.field, refusal.code, refusal.reason);
    else this.accepted++;
  }

  private add(v: readonly unknown[]): Refusal | undefined {
    const raw = v[SLOT.EffectiveCost];
    const amount = typeof raw === "number" ? raw : Number(textOf(raw) ?? Number.NaN);
    if (!Number.isFinite(amount) || Math.abs(amount) > MAX_MAGNITUDE)
      return refuse("EffectiveCost", `expected a decimal number, got ${show(raw)}`);
    const currency = this.currency(v[SLOT.BillingCurrency]);
    if ("field" in currency) return currency;
    const start = this.instant(v[SLOT.ChargePeriodStart]);
    if (start === undefined) return badInstant("ChargePeriodStart", v[SLOT.ChargePeriodStart]);
    const end = this.instant(v[SLOT.ChargePeriodEnd]);
    if (end === undefined) return badInstant("ChargePeriodEnd", v[SLOT.ChargePeriodEnd]);
    if (end < start) return refuse("ChargePeriodEnd", "must not be before ChargePeriodStart");
    const account = textOf(v[SLOT.BillingAccountId]) ?? "";
    const service = this.attribution.of(v);
    if (typeof service === "object") return refuse(service.field, service.reason);
    const category = costCategoryOf(
      textOf(v[SLOT.ServiceCategory]),
      textOf(v[SLOT.ServiceSubcategory]),
    );
    const day = startOfDay(start);
    const { code, rate } = currency;
    if (!this.costs.add(account, day, category, service || undefined, code, rate, amount, end))
      return refuse("BillingAccountId", "must be well-formed Unicode without NUL");
    return undefined;
  }

  private instant(value: unknown): number | undefined {
    const ms = this.instants.read(value);
    return ms === undefined || ms < FIRST_INSTANT || ms > LAST_INSTANT ? undefined : ms;
  }

  private currency(value: unknown): Currency {
    const text = textOf(value) ?? "";
    let currency = this.currencies.get(text);
    if (currency === undefined) {
      const code = text.trim().toUpperCase();
      const rate = this.rules.rateOf(code);
      if (!/^[A-Z]{3}$/.test(code))
        currency = refuse("BillingCurrency", `expected an ISO 4217 code, got ${show(value)}`);
      else if (rate === undefined)
        currency = refuse(
          "BillingCurrency",
          `no currency_rates entry converts ${code} to ${this.rules.config.currency}`,
          "unknown_currency",
        );
      else currency = { code, rate };
      this.currencies.set(text, currency);
    }
    return currency;
  }
}

function badInstant(field: string, value: unknown): Refusal {
  return refuse(
    field,
    `expected an ISO-8601 UTC time such as 2024-09-01T00:00:00Z, got ${show(value)}`,
  );
}
