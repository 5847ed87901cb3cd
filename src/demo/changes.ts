import type { Approval, Change, CommitRef, EpochMs, LinkedItem } from "../domain/records.ts";
import type { DemoService, DemoTeam } from "./catalogue.ts";
import type { DeliveryProfile } from "./profiles.ts";
import type { Random } from "./random.ts";
import { DAY, type DemoSpan, HOUR, MINUTE } from "./time.ts";
import { type ChangeType, changeTitle, topicOf } from "./wording.ts";

// One merged pull request: commits, review, work item. Most follow the team's habits;
// a share are unreviewed, self-approved, reviewed after merge, or link no ticket, so
// the compliance KPIs have something to find.

export interface ServiceContext {
  team: DemoTeam;
  service: DemoService;
  profile: DeliveryProfile;
  span: DemoSpan;
  random: Random;
  /** Next pull-request number of the service's repository. */
  nextNumber(): number;
}

export type ChangePurpose =
  | { kind: "planned"; feature: boolean }
  | { kind: "hotfix" }
  | { kind: "revert"; of: Change };

const TYPES: readonly ChangeType[] = ["fix", "fix", "chore", "refactor", "perf", "docs", "test"];

function plannedTitle(ctx: ServiceContext, feature: boolean): { title: string; labels: string[] } {
  const { random, team } = ctx;
  if (feature) {
    if (random.chance(0.06))
      return { title: `Add ${topicOf(team.name, random)}`, labels: ["feature"] };
    const labels = random.chance(0.7) ? ["feature"] : random.chance(0.5) ? ["enhancement"] : [];
    return { title: changeTitle("feat", team.name, random), labels };
  }
  const type = random.pick(TYPES);
  const labels =
    type === "fix" && random.chance(0.8) ? ["bug"] : type === "chore" ? ["dependencies"] : [];
  return { title: changeTitle(type, team.name, random), labels };
}

function commitsOf(
  ctx: ServiceContext,
  first: EpochMs,
  mergedAt: EpochMs,
  count: number,
): CommitRef[] {
  const times = [first];
  for (let n = 1; n < count; n++) times.push(ctx.random.between(first, mergedAt - 2 * MINUTE));
  return times.sort((a, b) => a - b).map((authoredAt) => ({ sha: ctx.random.hex(40), authoredAt }));
}

function reviews(
  ctx: ServiceContext,
  author: string,
  openedAt: EpochMs,
  mergedAt: EpochMs,
): Approval[] {
  const { random, profile, team, span } = ctx;
  const others = team.members.filter((m) => m !== author);
  if (random.chance(profile.reviewedShare)) {
    const reviewers = new Set([random.pick(others), random.pick(others)]);
    return [...reviewers].map((by) => ({ by, at: random.between(openedAt, mergedAt - MINUTE) }));
  }
  const roll = random.next();
  if (roll < 0.4) return [];
  if (roll < 0.7) return [{ by: author, at: random.between(openedAt, mergedAt - MINUTE) }];
  const late = mergedAt + random.spread(10 * MINUTE, 2 * DAY);
  return late <= span.asOf ? [{ by: random.pick(others), at: late }] : [];
}

function workItems(ctx: ServiceContext, firstCommitAt: EpochMs): LinkedItem[] {
  const { random, profile, span, team } = ctx;
  if (random.chance(profile.ticketShare)) {
    const createdAt = Math.max(
      span.start,
      firstCommitAt - random.spread(...profile.ticketLeadDays) * DAY,
    );
    // Ticket numbers grow with time, like a real project's.
    const number = 120 + Math.floor((createdAt - span.start) / (3 * HOUR)) + random.int(0, 2);
    return [{ id: `${team.ticketKey}-${number}`, createdAt }];
  }
  // A GitHub issue reference does not satisfy the organisation's ticket pattern.
  return random.chance(0.3) ? [{ id: `#${random.int(10, 999)}` }] : [];
}

/** What the change is about: title, labels, work items, what it reverts. */
function content(ctx: ServiceContext, purpose: ChangePurpose, firstCommitAt: EpochMs) {
  if (purpose.kind === "revert")
    return {
      title: `Revert "${purpose.of.title}"`,
      labels: [],
      linkedItems: [],
      reverts: purpose.of.id,
    };
  if (purpose.kind === "hotfix")
    return {
      title: `fix: hotfix ${topicOf(ctx.team.name, ctx.random)}`,
      labels: ["hotfix", "bug"],
      linkedItems: workItems(ctx, firstCommitAt),
    };
  return { ...plannedTitle(ctx, purpose.feature), linkedItems: workItems(ctx, firstCommitAt) };
}

export function buildChange(
  ctx: ServiceContext,
  mergedAt: EpochMs,
  purpose: ChangePurpose,
): Change {
  const { random, profile, span, team, service } = ctx;
  const number = ctx.nextNumber();
  const author = random.pick(team.members);
  const planned = purpose.kind === "planned";
  const codingMs = planned
    ? random.spread(...profile.codingHours) * HOUR
    : random.spread(0.2, 3) * HOUR;
  const firstCommitAt = Math.max(span.start, mergedAt - codingMs);
  const openedAt = firstCommitAt + (mergedAt - firstCommitAt) * random.between(0.2, 0.8);
  const { title, labels, linkedItems, reverts } = {
    reverts: undefined,
    ...content(ctx, purpose, firstCommitAt),
  };
  return {
    id: `${team.name}-${service.name}#${number}`,
    service: service.name,
    title,
    labels,
    // One change in 40 lost its author (a deleted account): change_approval cannot judge
    // it, so the demo shows missing evidence apart from failed approvals (contract §8.1).
    author: number % 40 === 0 ? undefined : author,
    createdAt: openedAt,
    mergedAt,
    mergeCommitSha: random.hex(40),
    commits: commitsOf(ctx, firstCommitAt, mergedAt, planned ? random.int(1, 5) : 1),
    approvals: reviews(ctx, author, openedAt, mergedAt),
    linkedItems,
    reverts,
    url: `https://github.com/${service.repository}/pull/${number}`,
  };
}
