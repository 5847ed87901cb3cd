import type { EngineConfig } from "../config/engine-config.ts";
import { type EvidenceCandidate, needsRecord } from "../domain/evidence-candidate.ts";
import { iso } from "../domain/instant.ts";
import type { EpochMs, RecordSet } from "../domain/records.ts";
import { indexChecks } from "../engine/compliance.ts";
import { type Analyzed, analyzeRecords } from "../engine/snapshot.ts";
import type { EvidenceLedger, StoredEvidence } from "../store/evidence-ledger.ts";
import { candidateOf, rejudgingOf } from "./evidence-facts.ts";

// Whether the ledger holds what the store says (docs/decisions/evidence.md): a chain
// can be intact and still leave deployments out, when an append failed after the records
// were written. Each production deployment at asOf must have a latest record holding its
// current facts; the facts digest is what append() compares, so a gap here is exactly
// what the next append would record. The recorder reports how many there are after each
// append attempt, so a ledger falling behind shows on /metrics before anyone verifies.

export type GapKind = "missing" | "stale";

export interface LedgerGap {
  kind: GapKind;
  deploymentId: string;
  service: string;
  /** As the store says now. */
  finishedAt: string;
  /** The latest record of a stale deployment, and the finish it states. */
  latestSeq?: number;
  recordedFinishedAt?: string;
  message: string;
}

/** What an append at asOf would hand the ledger: every production deployment's facts. */
export function productionCandidates(
  records: RecordSet,
  engine: EngineConfig,
  asOf: EpochMs,
  analyzed: Analyzed = analyzeRecords(records, engine, asOf),
): EvidenceCandidate[] {
  const { analysis } = analyzed;
  const checks = indexChecks(records.checks, asOf);
  const rejudging = rejudgingOf(engine);
  return analysis.deployments.map((f) =>
    candidateOf(f, analysis.timeline.rollbacks.has(f.deployment.id), checks, rejudging),
  );
}

/** Each deployment's latest record among the rows (seq order), keyed by deployment id. */
export function latestRows(rows: readonly StoredEvidence[]): Map<string, StoredEvidence> {
  const latest = new Map<string, StoredEvidence>();
  for (const row of rows) {
    const known = latest.get(row.deploymentId);
    if (!known || known.seq < row.seq) latest.set(row.deploymentId, row);
  }
  return latest;
}

/** The candidates the ledger does not hold as they are, in finish order. */
export function ledgerGaps(
  candidates: readonly EvidenceCandidate[],
  rows: readonly StoredEvidence[],
): LedgerGap[] {
  const latest = latestRows(rows);
  const gaps: LedgerGap[] = [];
  for (const candidate of candidates) {
    const { deploymentId, facts } = candidate;
    const row = latest.get(deploymentId);
    const known = row && { digest: row.factsDigest, policy: row.policyDigest ?? null };
    if (!needsRecord(known, candidate)) continue;
    const where = `deployment ${deploymentId} (${facts.service}, finished ${facts.finishedAt})`;
    gaps.push(
      row === undefined
        ? {
            kind: "missing",
            deploymentId,
            service: facts.service,
            finishedAt: facts.finishedAt,
            message: `${where}: missing: no ledger record`,
          }
        : {
            kind: "stale",
            deploymentId,
            service: facts.service,
            finishedAt: facts.finishedAt,
            latestSeq: row.seq,
            recordedFinishedAt: iso(row.finishedAtMs),
            message:
              row.factsDigest === candidate.factsDigest
                ? `${where}: stale: a re-judgement is pending (its latest record ${row.seq} cites another policy)`
                : `${where}: stale: a correction is pending (its latest record ${row.seq} holds other facts)`,
          },
    );
  }
  return gaps.sort(
    (a, b) =>
      Date.parse(a.finishedAt) - Date.parse(b.finishedAt) ||
      (a.deploymentId < b.deploymentId ? -1 : 1),
  );
}

/** Gaps a package of [from, to) would show: by the store's finish or the stale record's. */
export function gapsInPeriod(gaps: readonly LedgerGap[], from: EpochMs, to: EpochMs) {
  const within = (at: string | undefined) =>
    at !== undefined && Date.parse(at) >= from && Date.parse(at) < to;
  return gaps.filter((gap) => within(gap.finishedAt) || within(gap.recordedFinishedAt));
}

/** Where the recorder reports each append attempt (the exporter's self-metrics). */
export interface LedgerHealth {
  /** An append committed: the ledger's head is record `headSeq` and nothing is pending. */
  ledgerAppended(headSeq: number): void;
  /** An append failed: `pending` production deployments lack their current record. */
  ledgerAppendFailed(pending: number): void;
}

/**
 * The gaps among a failed append's candidates. After a restart every production deployment
 * is a candidate, most of them recorded long ago, so the ledger is asked; when it cannot
 * answer either, all of them count.
 */
export async function pendingOf(
  ledger: EvidenceLedger,
  candidates: readonly EvidenceCandidate[],
): Promise<number> {
  try {
    return ledgerGaps(candidates, await ledger.rows()).length;
  } catch {
    return candidates.length;
  }
}
