import type { CostCategory, EpochMs } from "../domain/records.ts";
import type { DemoService, DemoTeam, PerformanceLevel } from "./catalogue.ts";
import { randomStream } from "./random.ts";
import { DAY, type DemoSpan, isoDate, isWorkday, startOfDay } from "./time.ts";

// Billing rows as a FOCUS export and a CI provider would give them: a cloud row per
// service and day (some name the service, the rest only carry the tags or the cloud
// account its cost selectors match), CI minutes per service and working day (the scanners' jobs
// marked with the control they implement), and shared rows no service claims. The
// observability vendor bills weekly in USD.

export interface CostEvent {
  /** Stable identity, so a re-import updates rather than duplicates (METRICS.md decision 16). */
  id: string;
  amount: number;
  currency: string;
  periodStart: EpochMs;
  periodEnd: EpochMs;
  category: CostCategory;
  service?: string;
  tags?: Record<string, string>;
  /** Billing account, matched by a service's `sub_accounts` selector (an import-format addition). */
  subAccountId?: string;
  control?: string;
}

/** CI spend scales with how often a team builds. */
const CI_FACTOR: Record<PerformanceLevel, number> = { elite: 2.5, high: 1.4, medium: 1, low: 0.7 };
/** Regulated teams run a work-item linter in CI for the linked_ticket control. */
const TICKET_LINT_TEAMS = new Set(["payments", "lending"]);

const cents = (amount: number) => Math.round(amount * 100) / 100;

function fullDays(span: DemoSpan): EpochMs[] {
  const days: EpochMs[] = [];
  const first = startOfDay(span.start) === span.start ? span.start : startOfDay(span.start) + DAY;
  for (let day = first; day + DAY <= span.asOf; day += DAY) days.push(day);
  return days;
}

function serviceCosts(
  team: DemoTeam,
  service: DemoService,
  span: DemoSpan,
  seed: number,
): CostEvent[] {
  const random = randomStream(seed, `costs:${service.name}`);
  const rows: CostEvent[] = [];
  const cloudBase = random.between(40, 600);
  const ciBase = random.between(6, 18) * CI_FACTOR[team.level];
  const owner = service.billedByName ? { service: service.name } : {};
  const cloudOwner: Partial<CostEvent> = service.cloudAccount
    ? { subAccountId: service.cloudAccount, tags: { env: "production" } }
    : { ...owner, tags: { app: service.costTag, env: "production" } };
  const row = (id: string, day: EpochMs, amount: number, fields: Partial<CostEvent>) =>
    rows.push({
      id: `${id}-${service.name}-${isoDate(day)}${fields.tags?.job ? `-${fields.tags.job}` : ""}`,
      amount: cents(amount),
      currency: "EUR",
      periodStart: day,
      periodEnd: day + DAY,
      category: "ci",
      ...fields,
    });
  const ci = (job: string, control?: string) => ({
    ...owner,
    tags: { app: service.costTag, job },
    control,
  });
  for (const day of fullDays(span)) {
    const growth = 1 + (0.2 * (day - span.start)) / (span.asOf - span.start);
    const weekly = isWorkday(day) ? 1 : 0.8;
    const cloud = cloudBase * growth * weekly * random.between(0.92, 1.08);
    row("cloud", day, cloud, { category: "cloud", ...cloudOwner });
    if (!isWorkday(day)) continue;
    const build = ciBase * random.between(0.7, 1.3);
    row("ci", day, build, ci("build"));
    row("ci", day, build * random.between(0.25, 0.4), ci("scanners", "required_checks"));
    if (TICKET_LINT_TEAMS.has(team.name))
      row("ci", day, random.between(0.2, 0.9), ci("ticket-lint", "linked_ticket"));
  }
  return rows;
}

function sharedCosts(span: DemoSpan, seed: number): CostEvent[] {
  const random = randomStream(seed, "costs:shared");
  const rows: CostEvent[] = [];
  for (const day of fullDays(span)) {
    const date = isoDate(day);
    const shared = (name: string, amount: number) =>
      rows.push({
        id: `shared-${name}-${date}`,
        amount: cents(amount),
        currency: "EUR",
        periodStart: day,
        periodEnd: day + DAY,
        category: "cloud",
        tags: { "cost-center": name },
      });
    shared("networking", random.between(120, 160));
    shared("enterprise-support", 95.5);
    if (new Date(day).getUTCDay() === 1 && day + 7 * DAY <= span.asOf)
      rows.push({
        id: `shared-observability-${date}`,
        amount: cents(random.between(900, 1100)),
        currency: "USD",
        periodStart: day,
        periodEnd: day + 7 * DAY,
        category: "cloud",
        tags: { vendor: "observability-saas" },
      });
  }
  return rows;
}

export function demoCosts(teams: readonly DemoTeam[], span: DemoSpan, seed: number): CostEvent[] {
  const rows = teams.flatMap((team) =>
    team.services.flatMap((service) => serviceCosts(team, service, span, seed)),
  );
  return [...rows, ...sharedCosts(span, seed)];
}
