import type { CheckResult, EpochMs } from "../domain/records.ts";
import type { Random } from "./random.ts";

// CI checks on a commit that goes to production, finished before its staging
// deployment. Mostly green; sometimes a scanner fails and is re-run green (the latest
// result decides), fails for good, or never reports — the cases required_checks must
// tell apart.

export const CHECK_NAMES = ["unit-tests", "sast", "trivy-image"] as const;

export function commitChecks(
  commitSha: string,
  service: string,
  from: EpochMs,
  to: EpochMs,
  random: Random,
): CheckResult[] {
  const results: CheckResult[] = [];
  const roll = random.next();
  const flaky = roll < 0.03 ? "sast" : undefined;
  const failing = roll >= 0.03 && roll < 0.05 ? random.pick(CHECK_NAMES) : undefined;
  const missing = roll >= 0.05 && roll < 0.07 ? "trivy-image" : undefined;
  const step = (to - from) / (CHECK_NAMES.length + 2);
  CHECK_NAMES.forEach((name, n) => {
    if (name === missing) return;
    const completedAt = from + step * (n + 1) + random.between(0, step / 2);
    const conclusion = name === failing || name === flaky ? "failure" : "success";
    results.push({ commitSha, name, conclusion, completedAt, service });
    if (name === flaky)
      results.push({
        commitSha,
        name,
        conclusion: "success",
        completedAt: completedAt + random.between(0.2, 0.5) * step,
        service,
      });
  });
  return results;
}
