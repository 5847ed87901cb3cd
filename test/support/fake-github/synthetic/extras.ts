// Controls, alerts and billing for the synthetic organisation.
import type { FakeAlert, FakeOrg, FakeRepo, FakeUsageItem } from "../model.ts";
import { DAY, HOUR, iso, PEOPLE, type Random, type Window } from "./common.ts";

const SEVERITIES: readonly string[] = ["low", "medium", "high", "critical"];

/** Even repositories use classic protection, odd ones rulesets. */
export function syntheticControls(index: number): Pick<FakeRepo, "protection" | "rules"> {
  if (index % 2 === 0)
    return { protection: { contexts: ["build", "test"], requiredApprovals: 1 }, rules: [] };
  const checks = {
    required_status_checks: [{ context: "build" }],
    strict_required_status_checks_policy: false,
  };
  return {
    protection: undefined,
    rules: [
      { type: "required_status_checks", parameters: checks },
      { type: "pull_request", parameters: { required_approving_review_count: 1 } },
    ],
  };
}

export function syntheticAlerts(
  rng: Random,
  count: number,
  w: Window,
  kind: "dependabot" | "code" | "secret",
): FakeAlert[] {
  return Array.from({ length: count }, (_, i) => {
    const createdMs = rng.between(w.start, w.end - DAY);
    const closedMs = createdMs + rng.spread(HOUR, 30 * DAY);
    const open = rng.chance(0.5) || closedMs > w.end;
    const closed = iso(closedMs);
    const alert: FakeAlert = {
      number: i + 1,
      state: "open",
      createdAt: iso(createdMs),
      updatedAt: open ? iso(createdMs) : closed,
      severity: rng.pick(SEVERITIES),
    };
    if (kind === "code") alert.ruleSeverity = "error";
    if (kind === "secret") {
      alert.secretType = "github_personal_access_token";
      if (!open)
        Object.assign(alert, { state: "resolved", resolution: "revoked", resolvedAt: closed });
    } else if (!open) Object.assign(alert, { state: "fixed", fixedAt: closed });
    return alert;
  });
}

export function syntheticBilling(rng: Random, org: FakeOrg, w: Window): FakeUsageItem[] {
  const items: FakeUsageItem[] = [];
  const add = (
    date: string,
    product: string,
    sku: string,
    quantity: number,
    unitType: string,
    price: number,
    repo?: FakeRepo,
  ) => {
    const amount = Math.round(quantity * price * 1000) / 1000;
    const item: FakeUsageItem = {
      date,
      product,
      sku,
      quantity,
      unitType,
      pricePerUnit: price,
      grossAmount: amount,
      discountAmount: 0,
      netAmount: amount,
    };
    if (repo !== undefined) item.repositoryName = `${repo.owner}/${repo.name}`;
    items.push(item);
  };
  for (let dayMs = w.start; dayMs < w.end; dayMs += DAY) {
    const date = iso(dayMs).slice(0, 10);
    for (let k = 0; k < 8 && org.repos.length > 0; k++) {
      add(
        date,
        "Actions",
        "Actions Linux",
        rng.int(10, 600),
        "minutes",
        0.008,
        rng.pick(org.repos),
      );
    }
    add(date, "Copilot", "Copilot Business", PEOPLE.length, "user-months", 19 / 30);
    add(date, "Shared Storage", "Shared Storage", rng.int(100, 200), "gigabyte-hours", 0.00033);
  }
  return items;
}
