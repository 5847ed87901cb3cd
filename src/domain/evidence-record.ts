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
  /** How the engine knew what it shipped: its explicit list, merge order, or not at all. */
  containment: "explicit" | "merge_order" | "rollback";
  changes: EvidenceChange[];
  /** Every result on the deployed commit that could count: completed by finishedAt. */
  checks: EvidenceCheck[];
}

export interface EvidenceControl {
  control: string;
  pass: boolean;
  reason: string;
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
  /** null only for the first record of the ledger. */
  previous: EvidenceLink | null;
}

/** A record as stored: its canonical JSON text and the SHA-256 (hex) of that text. */
export interface SealedEvidence {
  seq: number;
  deploymentId: string;
  finishedAt: string;
  recordedAt: string;
  factsDigest: string;
  text: string;
  hash: string;
}
