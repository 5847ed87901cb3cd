import type { EpochMs } from "../domain/records.ts";
import type { DeliveryProfile } from "./profiles.ts";
import type { Random } from "./random.ts";
import { DAY, type DemoSpan, HOUR, isWorkday, MINUTE, startOfDay, weekday } from "./time.ts";

// When a service deploys to production: during working hours on working days, either
// several times a day (continuous delivery) or on weekly release trains. The last week
// always holds a deployment so every 7d KPI has data at service scope.

const WORK_START_HOUR = 8;
const WORK_END_HOUR = 18;
/** Room before the first deployment for its changes, and after the last for its fate. */
const LEAD_IN = 2 * DAY;
const MIN_GAP = 50 * MINUTE;

function deploysOnDay(day: EpochMs, profile: DeliveryProfile, random: Random): number {
  if (!isWorkday(day)) return 0;
  if (profile.trainWeekdays) return profile.trainWeekdays.includes(weekday(day)) ? 1 : 0;
  const rate = profile.deploysPerWorkday ?? 0;
  return Math.floor(rate + random.next());
}

function timeOnDay(day: EpochMs, profile: DeliveryProfile, random: Random): EpochMs {
  // Release trains leave in the morning; continuous deployments happen all day.
  const [from, to] = profile.trainWeekdays ? [9, 11] : [WORK_START_HOUR, WORK_END_HOUR];
  return day + random.between(from, to) * HOUR;
}

/** One deployment somewhere in the last few working days, when the week had none. */
function lastWeekDeployment(span: DemoSpan, random: Random): EpochMs {
  let day = startOfDay(span.asOf - random.between(1, 4) * DAY);
  while (!isWorkday(day)) day -= DAY;
  return day + random.between(10, 16) * HOUR;
}

export function deploymentSchedule(
  profile: DeliveryProfile,
  span: DemoSpan,
  random: Random,
): EpochMs[] {
  const times: EpochMs[] = [];
  const latest = span.asOf - 30 * MINUTE;
  for (let day = startOfDay(span.start); day <= span.asOf; day += DAY) {
    const count = deploysOnDay(day, profile, random);
    const drawn: EpochMs[] = [];
    for (let n = 0; n < count; n++) drawn.push(timeOnDay(day, profile, random));
    for (const t of drawn.sort((a, b) => a - b)) {
      const previous = times.at(-1);
      if (t < span.start + LEAD_IN || t > latest) continue;
      if (previous !== undefined && t - previous < MIN_GAP) continue;
      times.push(t);
    }
  }
  const last = times.at(-1);
  if (last === undefined || last <= span.asOf - 6 * DAY) {
    const added = lastWeekDeployment(span, random);
    const fits = added >= span.start + LEAD_IN && (last === undefined || added - last >= MIN_GAP);
    if (fits) times.push(added);
  }
  return times;
}
