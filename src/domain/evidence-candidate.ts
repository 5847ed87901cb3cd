import type { EvidenceFacts, EvidenceVerdict } from "../domain/evidence-record.ts";

// What the ledger is asked to record about a production deployment, and when it must:
// the shape both the evidence layer (which builds candidates) and the store (which seals
// them into the chain) share, so neither imports the other.

export interface EvidenceCandidate {
  deploymentId: string;
  facts: EvidenceFacts;
  /** SHA-256 of the facts' canonical JSON: an unchanged digest appends nothing. */
  factsDigest: string;
  verdict: EvidenceVerdict;
  /** Digest of the policy version that judged it. */
  policy?: string;
  /** Set when that version re-judges the past: why (see policy-records.ts). */
  rejudges?: string;
}

/** What the ledger holds as a deployment's latest judgement. */
export interface LatestJudgement {
  digest: string;
  /** null for records appended before policies were recorded. */
  policy: string | null;
}

/**
 * Whether a candidate needs a record: its facts changed, or a version that re-judges the
 * past judges it now and its latest record cites another (or none: records from before
 * policies were recorded). Any other policy difference appends nothing: the past is never
 * re-judged silently (METRICS.md decision 132).
 */
export function needsRecord(known: LatestJudgement | undefined, c: EvidenceCandidate): boolean {
  if (known === undefined || known.digest !== c.factsDigest) return true;
  return c.rejudges !== undefined && known.policy !== c.policy;
}

/** Why a record with unchanged facts supersedes the one before: its re-judgement. */
export const rejudgedReason = (c: EvidenceCandidate): string =>
  `re-judged by policy ${c.policy}${c.rejudges ? `: ${c.rejudges}` : ""}`;
