import type { EpochMs } from "../domain/records.ts";
import type { DeliveryProfile } from "./profiles.ts";
import type { Random } from "./random.ts";
import { DAY, type DemoSpan, HOUR, MINUTE } from "./time.ts";

// What happens after each production deployment: nothing, an incident, a rollback, or
// both. Planned up front, knowing when the next deployment comes, so an incident
// without an explicit reference still starts before it (then the attribution window
// links it to the right deployment). One failure per service is placed so that it
// recovers within the last week: every 7d recovery-time series has a sample.

export type IncidentReference = "deployment" | "commit" | "change" | "none";

export interface IncidentPlan {
  reference: IncidentReference;
  /** Both relative to the deployment's finishedAt; no resolution = still open at asOf. */
  startAfter: number;
  resolveAfter?: number;
  followUp: "hotfix" | "revert" | "none";
}

export interface Fate {
  incident?: IncidentPlan;
  rollback?: { after: number; marked: boolean };
}

const REFERENCES: readonly IncidentReference[] = [
  "deployment",
  "deployment",
  "commit",
  "change",
  "none",
  "none",
];
const EXPLICIT: readonly IncidentReference[] = ["deployment", "commit", "change"];
const FOLLOW_UPS: readonly IncidentPlan["followUp"][] = [
  "hotfix",
  "hotfix",
  "hotfix",
  "revert",
  "none",
];

function naturalFate(
  at: EpochMs,
  gap: number,
  first: boolean,
  profile: DeliveryProfile,
  span: DemoSpan,
  random: Random,
): Fate {
  if (!random.chance(profile.failureRate)) return {};
  const recovery = random.spread(...profile.recoveryMinutes) * MINUTE;
  // Detected well before it is resolved, and before the next deployment.
  const startAfter = random.between(3 * MINUTE, Math.min(6 * HOUR, gap * 0.4, recovery / 2));
  const roll = random.next();
  const fate: Fate = {};
  const rollbackBy = Math.min(gap * 0.6, 8 * HOUR);
  if (!first && roll < profile.rollbackShare && rollbackBy > startAfter + 10 * MINUTE) {
    // Rolled back within hours, before the next regular deployment.
    const after = Math.min(Math.max(startAfter + 5 * MINUTE, recovery), rollbackBy);
    fate.rollback = { after, marked: random.chance(0.5) };
  }
  if (!fate.rollback || roll < profile.rollbackShare * 0.3) {
    const resolveAfter = fate.rollback
      ? fate.rollback.after + random.between(5, 30) * MINUTE
      : Math.max(startAfter + 5 * MINUTE, recovery);
    const followUp = random.pick(FOLLOW_UPS);
    fate.incident = { reference: random.pick(REFERENCES), startAfter, resolveAfter, followUp };
  }
  return clip(fate, at, span);
}

/** Drops whatever would happen after asOf: it has not happened yet. */
function clip(fate: Fate, at: EpochMs, span: DemoSpan): Fate {
  if (fate.rollback && at + fate.rollback.after > span.asOf) fate.rollback = undefined;
  const incident = fate.incident;
  if (incident && at + incident.startAfter > span.asOf) fate.incident = undefined;
  else if (incident?.resolveAfter !== undefined && at + incident.resolveAfter > span.asOf)
    incident.resolveAfter = undefined;
  return fate;
}

/** The deployment whose failure recovers in the last week, and its recovery time. */
function recoveryAnchor(
  times: EpochMs[],
  profile: DeliveryProfile,
  span: DemoSpan,
  random: Random,
): [number, number] | undefined {
  const [minMs, maxMs] = profile.recoveryMinutes.map((m) => m * MINUTE) as [number, number];
  const earliest = span.asOf - 7 * DAY + HOUR;
  const latest = span.asOf - 5 * MINUTE;
  for (let i = times.length - 1; i >= 0; i--) {
    const at = times[i] as EpochMs;
    const low = Math.max(minMs, earliest - at);
    const high = Math.min(maxMs, latest - at);
    if (low <= high) return [i, random.spread(Math.max(low, MINUTE), high)];
  }
  // Rarely no deployment fits the team's usual recovery: recover faster than usual.
  const last = times.length - 1;
  const at = times[last];
  if (at === undefined || latest - at < 2 * MINUTE) return undefined;
  return [last, random.between(Math.max(MINUTE, earliest - at), latest - at)];
}

export function planFates(
  times: EpochMs[],
  profile: DeliveryProfile,
  span: DemoSpan,
  random: Random,
  ongoingIncident: boolean,
): Fate[] {
  const fates = times.map((at, i) =>
    naturalFate(at, (times[i + 1] ?? span.asOf) - at, i === 0, profile, span, random),
  );
  const anchor = recoveryAnchor(times, profile, span, random);
  if (anchor) {
    const [index, recovery] = anchor;
    const startAfter = Math.min(recovery * random.between(0.1, 0.5), 6 * HOUR);
    fates[index] = {
      incident: {
        reference: random.pick(EXPLICIT),
        startAfter,
        resolveAfter: recovery,
        followUp: "hotfix",
      },
    };
  }
  const last = times.length - 1;
  if (ongoingIncident && last > 0 && last !== anchor?.[0]) {
    const room = span.asOf - (times[last] as EpochMs);
    const startAfter = random.between(2 * MINUTE, Math.min(6 * HOUR, room - 10 * MINUTE));
    fates[last] = { incident: { reference: random.pick(EXPLICIT), startAfter, followUp: "none" } };
  }
  return fates;
}
