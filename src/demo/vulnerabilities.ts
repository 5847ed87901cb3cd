import { SEVERITIES, type Severity, type Vulnerability } from "../domain/records.ts";
import type { ServiceContext } from "./changes.ts";
import { DAY, HOUR } from "./time.ts";

// Security findings of one service: found at a steady rate per severity, mostly fixed
// (faster for severe ones and better teams), a few dismissed, the rest still open —
// some past their SLA. One finding per severity is fixed in the last week, so every
// 7d remediation series has a sample.

const FOUND_PER_DAY: Record<Severity, number> = {
  critical: 0.03,
  high: 0.08,
  medium: 0.14,
  low: 0.12,
};
/** Typical remediation in days, before the team's factor. */
const REMEDIATION_DAYS: Record<Severity, readonly [number, number]> = {
  critical: [0.5, 9],
  high: [3, 40],
  medium: [10, 110],
  low: [20, 200],
};
const NEVER_FIXED: Record<Severity, number> = {
  critical: 0.02,
  high: 0.08,
  medium: 0.2,
  low: 0.35,
};
const SOURCES = ["dependabot", "trivy", "codeql"] as const;
const DISMISS_REASONS = ["false_positive", "tolerable_risk", "not_used"] as const;

export function serviceVulnerabilities(ctx: ServiceContext): Vulnerability[] {
  const { random, span, service, profile } = ctx;
  const found: Vulnerability[] = [];
  const add = (severity: Severity, openedAt: number, fixedAt?: number) => {
    const finding: Vulnerability = { id: "", service: service.name, severity, openedAt, fixedAt };
    finding.source = random.pick(SOURCES);
    found.push(finding);
    return finding;
  };
  // Findings arrive as a Poisson process: exponential gaps between them.
  const gap = (severity: Severity) =>
    (-Math.log(1 - random.next()) * DAY) / FOUND_PER_DAY[severity];
  const remediation = (severity: Severity) =>
    random.spread(...REMEDIATION_DAYS[severity]) * profile.remediationFactor * DAY;

  for (const severity of SEVERITIES) {
    for (let t = span.start + gap(severity); t <= span.asOf; t += gap(severity)) {
      const finding = add(severity, t);
      if (random.chance(0.05)) {
        const dismissedAt = t + random.spread(1, 96) * HOUR;
        if (dismissedAt <= span.asOf) {
          finding.dismissedAt = dismissedAt;
          finding.dismissedReason = random.pick(DISMISS_REASONS);
          continue;
        }
      }
      const fixedAt = t + remediation(severity);
      if (!random.chance(NEVER_FIXED[severity]) && fixedAt <= span.asOf) finding.fixedAt = fixedAt;
    }
    const fixedAt = span.asOf - random.between(2 * HOUR, 6.5 * DAY);
    if (fixedAt > span.start)
      add(severity, Math.max(span.start, fixedAt - remediation(severity)), fixedAt);
  }
  // Numbered in the order found, like a scanner's alert numbers.
  found.sort((a, b) => a.openedAt - b.openedAt);
  found.forEach((f, n) => {
    f.id = `${service.name}-${f.source}-${n + 1}`;
  });
  return found;
}
