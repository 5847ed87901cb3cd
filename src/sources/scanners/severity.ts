import type { Severity } from "../../domain/records.ts";

// How a scanner's own words become the contract's four severities (docs/decisions/sources.md).
// Kept together so Trivy, SARIF and GitHub code scanning read alike.

export const TRIVY_SEVERITIES = ["CRITICAL", "HIGH", "MEDIUM", "LOW", "UNKNOWN"] as const;
export type TrivySeverity = (typeof TRIVY_SEVERITIES)[number];

/**
 * UNKNOWN (not yet rated by any source) counts as low: Trivy's own SARIF output gives it
 * level `note`, which GitHub code scanning shows as low, so both routes agree.
 */
export function trivySeverity(severity: TrivySeverity): Severity {
  return severity === "UNKNOWN" ? "low" : (severity.toLowerCase() as Severity);
}

/**
 * GitHub's reading of a SARIF rule's `security-severity` (a CVSS score as text or number):
 * ≥ 9.0 critical, ≥ 7.0 high, ≥ 4.0 medium, above 0 low. GitHub's wording ("over 9.0 is
 * critical") leaves 9.0 itself unplaced; CVSS v3 rates 9.0 critical, and so do we. Zero,
 * above 10 or not a number means "no security severity", as on GitHub.
 */
export function cvssSeverity(score: unknown): Severity | undefined {
  const value = typeof score === "string" && score.trim() !== "" ? Number(score) : score;
  if (typeof value !== "number" || !(value > 0 && value <= 10)) return undefined;
  if (value >= 9) return "critical";
  if (value >= 7) return "high";
  if (value >= 4) return "medium";
  return "low";
}

export type SarifLevel = "none" | "note" | "warning" | "error";

const LEVEL_SEVERITY: Record<Exclude<SarifLevel, "none">, Severity> = {
  error: "high",
  warning: "medium",
  note: "low",
};

/** Without a security severity, the SARIF level decides; `none` is not a finding. */
export function levelSeverity(level: SarifLevel): Severity | undefined {
  return level === "none" ? undefined : LEVEL_SEVERITY[level];
}

const RANK: Record<Severity, number> = { critical: 4, high: 3, medium: 2, low: 1 };

export function higher(a: Severity, b: Severity): Severity {
  return RANK[a] >= RANK[b] ? a : b;
}
