import type { CostRow } from "../../../domain/records.ts";
import type { GitHubClient } from "../client.ts";
import type { RepoCursor } from "../cursor.ts";
import type { JobMinutes } from "../normalize/ci-cost.ts";
import { type ControlPattern, spreadActionsBilling, type UsageItem } from "../normalize/ci-cost.ts";
import { withContext } from "./context.ts";

// Actions cost from the organisation's billing usage, one request per month of history
// (past months answer 304), spread over repositories, services and controls by the job
// minutes the repository syncs recorded.

export interface BillingInput {
  octokit: GitHubClient;
  organisation: string;
  cursors: ReadonlyMap<string, RepoCursor>;
  repositoryServices: ReadonlyMap<string, readonly string[]>;
  controls: readonly ControlPattern[];
  usdRate: number | undefined;
  currency: string;
  historyStart: number;
  now: number;
}

function months(from: number, to: number): { year: number; month: number }[] {
  const out: { year: number; month: number }[] = [];
  const d = new Date(from);
  let year = d.getUTCFullYear();
  let month = d.getUTCMonth() + 1;
  const end = new Date(to);
  while (
    year < end.getUTCFullYear() ||
    (year === end.getUTCFullYear() && month <= end.getUTCMonth() + 1)
  ) {
    out.push({ year, month });
    month = month === 12 ? 1 : month + 1;
    if (month === 1) year++;
  }
  return out;
}

function weights(cursors: ReadonlyMap<string, RepoCursor>): JobMinutes[] {
  const jobs: JobMinutes[] = [];
  for (const [repository, cursor] of cursors)
    for (const [day, byJob] of Object.entries(cursor.minutes))
      for (const [job, minutes] of Object.entries(byJob))
        jobs.push({ repository, runId: 0, day, job, minutes });
  return jobs;
}

export async function syncBilling(input: BillingInput): Promise<CostRow[]> {
  const items: UsageItem[] = [];
  for (const { year, month } of months(input.historyStart, input.now)) {
    try {
      const response = await input.octokit.request(
        "GET /organizations/{org}/settings/billing/usage",
        { org: input.organisation, year, month },
      );
      items.push(...((response.data as { usageItems?: UsageItem[] }).usageItems ?? []));
    } catch (error) {
      throw withContext(`billing usage of ${input.organisation} for ${year}-${month}`, error);
    }
  }
  const from = new Date(input.historyStart).toISOString().slice(0, 10);
  return spreadActionsBilling(
    items.filter((item) => item.date.slice(0, 10) >= from),
    weights(input.cursors),
    {
      repositoryServices: input.repositoryServices,
      controls: input.controls,
      usdRate: input.usdRate,
      currency: input.currency,
      organisation: input.organisation,
    },
  );
}
