import type { FakeOrg, FakeUsageItem } from "../../support/fake-github/index.ts";
import { billingRepo } from "./independent-billing.ts";
import { monoRepo } from "./independent-mono.ts";

// A second organisation, built apart from e2e-org.ts and never tuned to the exporter's
// output: every KPI of it is derived by hand in independent-expect-*.ts. It exercises
// what e2e-org.ts does not: a monorepo split by paths, deployments from Actions workflow
// runs (a failed run, a re-run, a rollback), a revert, Actions billing and all three
// kinds of security alert. Every instant is in 2026; the test evaluates at 07-01T00:00Z.

function usage(date: string, repo: string | undefined, net: number, product = "Actions") {
  const gross = Math.max(net, 3);
  const item: FakeUsageItem = {
    date: `2026-${date}`,
    product,
    sku: "actions_linux",
    quantity: gross / 0.008,
    unitType: "Minutes",
    pricePerUnit: 0.008,
    grossAmount: gross,
    discountAmount: gross - net,
    netAmount: net,
  };
  return repo === undefined ? item : { ...item, repositoryName: repo };
}

export function independentOrg(): FakeOrg {
  return {
    login: "acme",
    repos: [monoRepo(), billingRepo()],
    // Hand-spread in independent-expect-cost.ts.
    billing: [
      // Starts exactly at the 30d window's open lower bound, on a day without job minutes.
      usage("06-01", "acme/billing", 10),
      // A monorepo day: split by control, then halved between api and web.
      usage("06-03", "acme/mono", 12),
      usage("06-20", "acme/billing", 7.5),
      // No repository named: spread over that day's repositories by their job minutes.
      usage("06-25", undefined, 9),
      // A repository no service claims: organisation cost, unattributed.
      usage("06-26", "acme/sandbox", 4),
      // Included minutes (nothing paid) and another product cost nothing in Actions.
      usage("06-26", "acme/mono", 0),
      usage("06-26", "acme/billing", 1, "Packages"),
    ],
  };
}
