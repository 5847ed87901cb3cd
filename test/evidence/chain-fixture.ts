// A small sealed chain for the verification tests, built through the same seal() the
// ledger appends with, and the row edits an attacker with write access could make.

import { canonicalJson, sha256Hex } from "../../src/domain/canonical-json.ts";
import type { EvidenceCandidate } from "../../src/domain/evidence-candidate.ts";
import { type ChainHead, headOf, seal } from "../../src/domain/evidence-chain.ts";
import type { EvidenceRecord, SealedEvidence } from "../../src/domain/evidence-record.ts";
import type { StoredEvidence } from "../../src/store/evidence-ledger.ts";

export const RECORDED_AT = Date.parse("2026-07-01T00:00:00Z");

export function candidate(id: string, day: number, approver = "rita"): EvidenceCandidate {
  const finishedAt = `2026-06-${String(day).padStart(2, "0")}T10:00:00.000Z`;
  const facts = {
    service: "checkout",
    environment: "production",
    commitSha: "a".repeat(40),
    finishedAt,
    approvals: [{ by: approver, at: finishedAt }],
    containment: "merge_order" as const,
    changes: [],
    checks: [],
  };
  return {
    deploymentId: id,
    facts,
    factsDigest: sha256Hex(canonicalJson(facts)),
    verdict: { compliant: true, controls: [] },
  };
}

export const stored = (s: SealedEvidence): StoredEvidence => ({
  seq: s.seq,
  deploymentId: s.deploymentId,
  finishedAtMs: Date.parse(s.finishedAt),
  recordedAtMs: Date.parse(s.recordedAt),
  factsDigest: s.factsDigest,
  text: s.text,
  hash: s.hash,
});

/** d-1 … d-n sealed in order after `head`; returns the rows and the new head. */
export function chain(n: number, head: ChainHead = { seq: 0 }) {
  const rows: StoredEvidence[] = [];
  const first = head.seq + 1;
  for (let i = first; i < first + n; i++) {
    const sealed = seal(candidate(`d-${i}`, i), head, null, {
      asOf: RECORDED_AT,
      recordedAt: RECORDED_AT,
    });
    rows.push(stored(sealed));
    head = headOf(sealed);
  }
  return { rows, head };
}

/**
 * The record edited as an attacker would, optionally made to look intact on its own: its
 * hash and its facts digest column recomputed.
 */
export function edit(
  row: StoredEvidence,
  change: (record: EvidenceRecord) => void,
  rehash: boolean,
): StoredEvidence {
  const record = JSON.parse(row.text) as EvidenceRecord;
  change(record);
  const text = canonicalJson(record);
  if (!rehash) return { ...row, text };
  return {
    ...row,
    text,
    hash: sha256Hex(text),
    factsDigest: sha256Hex(canonicalJson(record.facts)),
  };
}
