import { DAY_MS } from "../../../config/duration.ts";
import type { CostRow } from "../../../domain/records.ts";
import type { ActionsJob, BillingUsageItem } from "../types.ts";

export type { ActionsJob as Job, BillingUsageItem as UsageItem } from "../types.ts";

// DECISIONS
// - Only product "Actions" counts, at netAmount: what is paid (included minutes are the
//   discountAmount). Items of one repository-day are summed (SKUs, storage) before splitting;
//   a repository-day summing to zero gives no rows.
// - repositoryName without an owner is read as {organisation}/{name}. Repositories compare
//   case-insensitively and appear lower-cased in ids and tags.
// - An item without repositoryName is spread over that day's repositories by job minutes;
//   with no minutes that day it is one organisation-level row (no repository, no service).
// - A repository-day is split by job minutes: a job counts for the first control whose
//   pattern matches its name, the rest is one row without control; no minutes → one row.
// - Jobs on self-hosted runners are not billed by GitHub, so they carry no minutes.
// - Minutes are raw across SKUs although a macOS minute bills ~10× a Linux one and GitHub
//   rounds each job up to a minute: this splits the bill, it does not re-price it.
// - A repository feeding several services splits each share equally (GitHub cannot tell
//   which service a shared workflow built); one feeding none gives rows without service.
// - Amounts are not rounded; the rows of a repository-day sum to its USD amount.
// - The rate is needed only once a row exists; reporting in USD needs no currency_rates entry.

export interface JobMinutes {
  repository: string;
  runId: number;
  /** UTC YYYY-MM-DD of started_at */
  day: string;
  job: string;
  minutes: number;
}

export interface ControlPattern {
  control: string;
  matches(jobName: string): boolean;
}

export interface BillingSpreadOptions {
  /** repository (owner/name, case-insensitive) → catalogue services it feeds */
  repositoryServices: ReadonlyMap<string, readonly string[]>;
  controls: readonly ControlPattern[];
  /** Reporting-currency value of one USD; undefined when currency_rates has no USD entry. */
  usdRate: number | undefined;
  currency: string;
  organisation: string;
}

/** Completed jobs of one workflow run → minutes (completed_at − started_at, fractional minutes; skip jobs not completed, without times, with negative duration, or self-hosted). */
export function jobMinutes(
  repository: string,
  runId: number,
  jobs: ReadonlyArray<ActionsJob>,
): JobMinutes[] {
  return jobs.flatMap((job) => {
    const start = Date.parse(job.started_at ?? "");
    const minutes = (Date.parse(job.completed_at ?? "") - start) / 60_000;
    const selfHosted = job.labels?.some((label) => label.toLowerCase() === "self-hosted");
    if (job.status !== "completed" || !(minutes >= 0) || selfHosted) return [];
    const day = new Date(start).toISOString().slice(0, 10);
    return [{ repository, runId, day, job: job.name, minutes }];
  });
}

/** One repository-day's minutes: in total and per control (undefined: no control). */
type Minutes = { total: number; byControl: Map<string | undefined, number> };
type Days<V> = Map<string, Map<string, V>>;

function add<K>(map: Map<K, number>, key: K, value: number): void {
  map.set(key, (map.get(key) ?? 0) + value);
}

function slot<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  if (!map.has(key)) map.set(key, make());
  return map.get(key) as V;
}

function minutesByDay(jobs: ReadonlyArray<JobMinutes>, controls: readonly ControlPattern[]) {
  const days: Days<Minutes> = new Map();
  for (const job of jobs) {
    if (!(job.minutes > 0)) continue;
    const repos = slot(days, job.day, () => new Map());
    const m = slot(repos, job.repository.toLowerCase(), () => ({ total: 0, byControl: new Map() }));
    m.total += job.minutes;
    add(m.byControl, controls.find((c) => c.matches(job.job))?.control, job.minutes);
  }
  return days;
}

function dayOf(item: BillingUsageItem): string {
  const day = /^\d{4}-\d{2}-\d{2}/.exec(String(item.date))?.[0];
  const start = day ? Date.parse(`${day}T00:00:00Z`) : Number.NaN;
  // Date.parse rolls 02-30 over into March; a day that moves is not a day.
  if (Number.isNaN(start) || new Date(start).toISOString().slice(0, 10) !== day)
    throw new Error(`GitHub billing usage item: date ${JSON.stringify(item.date)} is not a day`);
  return day;
}

/** day → repository ("" for the organisation) → USD, with unattributed items spread. */
function amountsByDay(items: ReadonlyArray<BillingUsageItem>, days: Days<Minutes>, org: string) {
  const amounts: Days<number> = new Map();
  for (const item of items) {
    if (String(item.product).toLowerCase() !== "actions" || item.netAmount === 0) continue;
    if (!Number.isFinite(item.netAmount))
      throw new Error(`GitHub billing usage item of ${item.date}: netAmount is not a number`);
    const day = dayOf(item);
    const repos = slot(amounts, day, () => new Map());
    const name = item.repositoryName;
    if (name) {
      add(repos, (name.includes("/") ? name : `${org}/${name}`).toLowerCase(), item.netAmount);
      continue;
    }
    const minutes = [...(days.get(day) ?? [])];
    const total = minutes.reduce((sum, [, m]) => sum + m.total, 0);
    if (total === 0) add(repos, "", item.netAmount);
    else for (const [repo, m] of minutes) add(repos, repo, (item.netAmount * m.total) / total);
  }
  return amounts;
}

function usdRate(options: BillingSpreadOptions): number {
  if (options.usdRate !== undefined && Number.isFinite(options.usdRate)) return options.usdRate;
  if (options.currency.toUpperCase() === "USD") return 1;
  throw new Error(`no currency_rates entry converts USD to ${options.currency}`);
}

export function spreadActionsBilling(
  items: ReadonlyArray<BillingUsageItem>,
  jobs: ReadonlyArray<JobMinutes>,
  options: BillingSpreadOptions,
): CostRow[] {
  const days = minutesByDay(jobs, options.controls);
  const services = new Map<string, Set<string>>();
  for (const [repo, names] of options.repositoryServices)
    for (const name of names) slot(services, repo.toLowerCase(), () => new Set()).add(name);
  const rows: CostRow[] = [];
  for (const [day, repos] of amountsByDay(items, days, options.organisation))
    for (const [repo, usd] of repos) {
      if (usd === 0) continue;
      const rate = usdRate(options);
      const periodStart = Date.parse(`${day}T00:00:00Z`);
      const m = days.get(day)?.get(repo);
      const shares = m
        ? [...m.byControl].map(([c, min]) => [c, (usd * min) / m.total] as const)
        : [[undefined, usd] as const];
      const targets = [...(services.get(repo) ?? [undefined])];
      for (const [control, share] of shares)
        for (const service of targets) {
          const originalAmount = share / targets.length;
          const key = [day, repo || "-", service ?? "-", control ?? "-"].join(":");
          const row: CostRow = {
            id: `github-actions:${options.organisation}:${key}`,
            amount: originalAmount * rate,
            originalAmount,
            originalCurrency: "USD",
            periodStart,
            periodEnd: periodStart + DAY_MS,
            category: "ci",
          };
          if (service !== undefined) row.service = service;
          if (control !== undefined) row.control = control;
          if (repo) row.tags = { repository: repo };
          rows.push(row);
        }
    }
  return rows.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
