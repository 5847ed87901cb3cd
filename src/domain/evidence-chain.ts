import { canonicalJson, sha256Hex } from "./canonical-json.ts";
import type { EvidenceCandidate } from "./evidence-candidate.ts";
import {
  EVIDENCE_FORMAT,
  type EvidenceLink,
  type EvidencePolicy,
  type EvidenceRecord,
  POLICY_SUBJECT_PREFIX,
  type PolicyRecord,
  type SealedEvidence,
} from "./evidence-record.ts";
import { iso } from "./instant.ts";
import type { EpochMs } from "./records.ts";

// Sealing a record into the chain. A record names the one before it by position,
// deployment and hash (the SHA-256 of that record's canonical JSON), and its own hash
// covers that link: changing, inserting or removing any record breaks the link of the
// record after it, and the last one is held by the ledger's head.

export interface ChainHead {
  /** 0 for an empty ledger. */
  seq: number;
  deploymentId?: string;
  hash?: string;
}

export function linkTo(head: ChainHead): EvidenceLink | null {
  if (head.seq === 0 || head.deploymentId === undefined || head.hash === undefined) return null;
  return { seq: head.seq, deploymentId: head.deploymentId, hash: head.hash };
}

export interface SealContext {
  asOf: EpochMs;
  recordedAt: EpochMs;
}

/** The next record after head for a candidate, correcting the record `supersedes` when set. */
export function seal(
  candidate: EvidenceCandidate,
  head: ChainHead,
  supersedes: number | null,
  context: SealContext,
  rejudged?: string,
): SealedEvidence {
  const record: EvidenceRecord = {
    format: EVIDENCE_FORMAT,
    seq: head.seq + 1,
    deploymentId: candidate.deploymentId,
    recordedAt: iso(context.recordedAt),
    asOf: iso(context.asOf),
    supersedes,
    facts: candidate.facts,
    verdict: candidate.verdict,
    policy: candidate.policy,
    rejudged,
    previous: linkTo(head),
  };
  const text = canonicalJson(record);
  return {
    seq: record.seq,
    deploymentId: record.deploymentId,
    finishedAt: record.facts.finishedAt,
    recordedAt: record.recordedAt,
    factsDigest: candidate.factsDigest,
    policyDigest: candidate.policy,
    text,
    hash: sha256Hex(text),
  };
}

/** The subject a scope's policy records are chained under. */
export const policySubject = (scope: string): string => `${POLICY_SUBJECT_PREFIX}${scope}`;

/**
 * The next record after head for a policy version. Its finished_at column holds the
 * append's instant: a policy finishes nothing, and an export by time still finds it.
 */
export function sealPolicy(
  policy: EvidencePolicy,
  head: ChainHead,
  recordedAt: EpochMs,
): SealedEvidence {
  const record: PolicyRecord = {
    format: EVIDENCE_FORMAT,
    kind: "policy",
    seq: head.seq + 1,
    deploymentId: policySubject(policy.scope),
    recordedAt: iso(recordedAt),
    policy,
    previous: linkTo(head),
  };
  const text = canonicalJson(record as never);
  return {
    seq: record.seq,
    deploymentId: record.deploymentId,
    finishedAt: record.recordedAt,
    recordedAt: record.recordedAt,
    factsDigest: policy.digest,
    policyDigest: policy.digest,
    text,
    hash: sha256Hex(text),
  };
}

export const headOf = (sealed: SealedEvidence): ChainHead => ({
  seq: sealed.seq,
  deploymentId: sealed.deploymentId,
  hash: sealed.hash,
});
