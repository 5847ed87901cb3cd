// The evidence ledger's record: what a production deployment was, shipped and passed,
// frozen when the exporter first saw it (and again whenever those facts changed). It is
// stored as its canonical JSON text, so every field here is plain JSON: instants are
// ISO-8601 UTC strings with milliseconds, optional fields are absent rather than null.

export const EVIDENCE_FORMAT = "kpi-exporter/evidence/v1";

export interface EvidenceApproval {
  by: string;
  at: string;
}

export interface EvidenceChange {
  id: string;
  mergedAt: string;
  author?: string;
  approvals: EvidenceApproval[];
  linkedItems: string[];
  url?: string;
}

export interface EvidenceCheck {
  name: string;
  conclusion: string;
  completedAt: string;
  url?: string;
}

/** What happened, independent of any policy: a change here appends a correction. */
export interface EvidenceFacts {
  service: string;
  environment: string;
  commitSha: string;
  startedAt?: string;
  finishedAt: string;
  triggeredBy?: string;
  url?: string;
  rollbackOf?: string;
  approvals: EvidenceApproval[];
  /**
   * How the engine knew what it shipped: its explicit list, merge order, being a rollback,
   * or `unknown` (no list, merge order gives none, a commit not deployed before: §8.1).
   */
  containment: "explicit" | "merge_order" | "rollback" | "unknown";
  changes: EvidenceChange[];
  /** Every result on the deployed commit that could count: completed by finishedAt. */
  checks: EvidenceCheck[];
}

export type EvidenceVerdictName = "pass" | "fail" | "not_evaluable";

export interface EvidenceControl {
  control: string;
  /** `verdict === "pass"`. */
  pass: boolean;
  /**
   * Absent from records appended before verdicts could be `not_evaluable` (contract
   * §8.1): read those with `verdictOf`, which takes their `pass`.
   */
  verdict?: EvidenceVerdictName;
  reason: string;
}

/** A recorded control's verdict, for records of every age. */
export function verdictOf(c: EvidenceControl): EvidenceVerdictName {
  return c.verdict ?? (c.pass ? "pass" : "fail");
}

/** The policy's judgement when the record was appended; a later policy does not re-judge. */
export interface EvidenceVerdict {
  compliant: boolean;
  controls: EvidenceControl[];
}

/** The link to the record before it: its position, subject and hash. */
export interface EvidenceLink {
  seq: number;
  deploymentId: string;
  hash: string;
}

export interface EvidenceRecord {
  format: typeof EVIDENCE_FORMAT;
  seq: number;
  deploymentId: string;
  /** Wall-clock time of the append. */
  recordedAt: string;
  /** The evaluation instant the facts were read at. */
  asOf: string;
  /** seq of this deployment's previous record when this one corrects it, else null. */
  supersedes: number | null;
  facts: EvidenceFacts;
  verdict: EvidenceVerdict;
  /**
   * Digest of the compliance policy version that judged it (a policy record of the ledger,
   * contract §8.2); absent from records appended before policies were recorded.
   */
  policy?: string;
  /** Set when this record supersedes only to re-judge: why, naming the policy. */
  rejudged?: string;
  /** null only for the first record of the ledger. */
  previous: EvidenceLink | null;
}

/** One version of a scope's compliance policy, as the ledger records it when first seen. */
export interface EvidencePolicy {
  /** `organisation` or `team/<name>`. */
  scope: string;
  /** SHA-256 of {scope, effectiveFrom, controls} as canonical JSON: what records cite. */
  digest: string;
  /** The controls as the config writes them (a team's merged over the organisation's). */
  controls: Record<string, unknown>;
  /** In force from this instant; null: from the beginning. */
  effectiveFrom: string | null;
  /** The `effective_from` the config gave, absent for `controls` given alone. */
  declaredFrom?: string;
  /** When this exporter first saw it in its config. */
  firstSeen: string;
  /** Whether it judges deployments that finished before it was first seen. */
  rejudges: boolean;
  reason: string;
}

export const POLICY_SUBJECT_PREFIX = "policy:";

/** A ledger record of a policy version; its deploymentId is `policy:<scope>`. */
export interface PolicyRecord {
  format: typeof EVIDENCE_FORMAT;
  kind: "policy";
  seq: number;
  deploymentId: string;
  recordedAt: string;
  policy: EvidencePolicy;
  previous: EvidenceLink | null;
}

export type LedgerRecord = EvidenceRecord | PolicyRecord;

export const isPolicyRecord = (record: unknown): record is PolicyRecord =>
  typeof record === "object" && record !== null && (record as { kind?: unknown }).kind === "policy";

/** A record as stored: its canonical JSON text and the SHA-256 (hex) of that text. */
export interface SealedEvidence {
  seq: number;
  deploymentId: string;
  finishedAt: string;
  recordedAt: string;
  factsDigest: string;
  /** The policy digest the record cites (its own, for a policy record). */
  policyDigest?: string;
  text: string;
  hash: string;
}
