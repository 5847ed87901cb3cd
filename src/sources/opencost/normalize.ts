import type { ConfigFile } from "../../config/schema.ts";
import { attributeCost } from "../../import/attribute.ts";
import { fieldPath } from "../../import/field-path.ts";
import { MAX_MAGNITUDE } from "../../import/storable.ts";
import type { DailyCosts } from "../focus/daily-costs.ts";
import { startOfDay } from "../focus/values.ts";
import { type CloudCostResponse, cloudCostItem } from "./response.ts";

// OpenCost cloud cost items onto the same day groups as FOCUS rows. amortizedNetCost is
// OpenCost's counterpart of FOCUS EffectiveCost (amortised, net of discounts and credits),
// the amount the contract counts. Its categories (Compute, Storage, Network, Management,
// Other) name no CI service, so every item is `cloud`.

export interface OpencostPricing {
  config: ConfigFile;
  /** The billing currency OpenCost's amounts are in, and its reporting-currency rate. */
  currency: string;
  rate: number;
}

export interface DayRead {
  items: number;
  /** Items whose window starts on another day than the one asked for. */
  outside: number;
}

/**
 * Adds the items of one day's answer to costs. An item that does not have the documented
 * shape throws, naming the item and the field, so the day is not stored half read.
 */
export function addCloudCosts(
  response: CloudCostResponse,
  day: number,
  costs: DailyCosts,
  pricing: OpencostPricing,
): DayRead {
  const read: DayRead = { items: 0, outside: 0 };
  for (const set of response.data?.sets ?? [])
    for (const [key, raw] of Object.entries(set.cloudCosts ?? {})) {
      const parsed = cloudCostItem.safeParse(raw);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const where = issue ? `${fieldPath(issue.path)}: ${issue.message}` : "invalid";
        throw new Error(`cloud cost item ${JSON.stringify(key)}: ${where}`);
      }
      const item = parsed.data;
      const start = Date.parse(item.window.start);
      if (startOfDay(start) !== day) {
        read.outside++;
        continue;
      }
      const { labels, accountID, providerID, invoiceEntityID } = item.properties;
      const service = attributeCost(
        {
          ...(labels && { tags: labels }),
          ...(accountID && { subAccountId: accountID }),
          ...(providerID && { resourceId: providerID }),
        },
        pricing.config,
      );
      const end = Math.max(Date.parse(item.window.end), start);
      const amount = item.amortizedNetCost.cost;
      if (Math.abs(amount) > MAX_MAGNITUDE)
        throw new Error(
          `cloud cost item ${JSON.stringify(key)}: amortizedNetCost.cost: out of range`,
        );
      const scope = invoiceEntityID ?? accountID ?? "";
      costs.add(scope, day, "cloud", service, pricing.currency, pricing.rate, amount, end);
      read.items++;
    }
  return read;
}
