import type { z } from "zod";
import type { EpochMs } from "../../domain/records.ts";
import type { ScanFinding } from "../../store/scan-history.ts";
import { higher } from "./severity.ts";

// What a scanner report format yields, before the file around it (its digest, its
// modification time) and the scans already stored turn it into findings with dates.

export interface ReportScan {
  /** The scanned artifact or analysis; findings are compared within it only. */
  series: string;
  /** Scanner name for the records' `source`. */
  scanner: string;
  /** When the report says the scan ran; the file's modification time otherwise. */
  scannedAt?: EpochMs;
  findings: ScanFinding[];
}

export interface ReportIssue {
  path: PropertyKey[];
  message: string;
}

/** A report format: every scan in a parsed JSON document, or the first thing wrong with it. */
export type ReportParser = (document: unknown) => { scans: ReportScan[] } | { issue: ReportIssue };

/** Zod's message for an absent field reads "expected string, received undefined". */
export const PARSE_OPTIONS = {
  error: (issue: { input?: unknown }) => (issue.input === undefined ? "required" : undefined),
};

export function firstIssue(error: z.ZodError): ReportIssue {
  const issue = error.issues[0];
  return { path: (issue?.path ?? []) as PropertyKey[], message: issue?.message ?? "invalid" };
}

/** Findings that share a key are one finding; the highest severity among them stands. */
export function mergeByKey(findings: Iterable<ScanFinding>): ScanFinding[] {
  const merged = new Map<string, ScanFinding>();
  for (const finding of findings) {
    const seen = merged.get(finding.key);
    const severity = seen ? higher(seen.severity, finding.severity) : finding.severity;
    merged.set(finding.key, { ...(seen ?? finding), severity });
  }
  return [...merged.values()];
}
