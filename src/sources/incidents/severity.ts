import type { Severity } from "../../domain/records.ts";

// Incident severity on the exporter's four-step scale, from the tool's priority:
// P1 critical, P2 high, P3 medium, P4 and P5 low (Opsgenie's P5 is informational, which
// the scale has no room for). PagerDuty accounts without priorities have only urgency:
// high → high, low → low.

const BY_PRIORITY: Record<string, Severity> = {
  p1: "critical",
  p2: "high",
  p3: "medium",
  p4: "low",
  p5: "low",
};

const BY_URGENCY: Record<string, Severity> = { high: "high", low: "low" };

export function severityOf(priority?: string, urgency?: string): Severity | undefined {
  const byPriority = priority === undefined ? undefined : BY_PRIORITY[priority.toLowerCase()];
  return byPriority ?? (urgency === undefined ? undefined : BY_URGENCY[urgency.toLowerCase()]);
}

const PRIORITY_LABEL = /^(?:priority[\s:/_-]*)?p([1-5])$/i;
const SEVERITY_LABEL = /^sev(?:erity)?[\s:/_-]*([1-5])$/i;

/** A priority named by a label such as `P1`, `priority: P2`, `priority/p3` or `sev1`. */
export function priorityFromLabels(labels: readonly string[]): string | undefined {
  for (const label of labels) {
    const digit = PRIORITY_LABEL.exec(label.trim())?.[1] ?? SEVERITY_LABEL.exec(label.trim())?.[1];
    if (digit) return `P${digit}`;
  }
  return undefined;
}

/** PagerDuty priority names are account-defined; P1..P5 and SEV-1..SEV-5 are understood. */
export function priorityFromName(name: string | undefined): string | undefined {
  return name === undefined ? undefined : priorityFromLabels([name]);
}
