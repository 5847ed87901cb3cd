import type { EngineConfig } from "../config/engine-config.ts";
import type { ChainHead } from "../domain/evidence-chain.ts";
import type { EpochMs } from "../domain/records.ts";
import type { StoredEvidence } from "../store/evidence-ledger.ts";
import type { LedgerBase } from "../store/ledger-archive.ts";
import type { Store } from "../store/store.ts";
import { type LedgerGap, ledgerGaps, productionCandidates } from "./ledger-gaps.ts";
import { type EvidenceIssue, verifyLedger } from "./verify.ts";

// Everything `evidence verify` and `evidence export` ask of a store before trusting its
// ledger: the chain is what was appended, and it holds every production deployment at
// asOf as the store says it is now.

export interface LedgerCheck {
  asOf: EpochMs;
  rows: StoredEvidence[];
  head: ChainHead;
  /** The last record pruned into the archive; seq 0 when none was. */
  base: LedgerBase;
  /** Records modified, inserted or deleted. */
  issues: EvidenceIssue[];
  /** Production deployments at asOf. */
  deployments: number;
  /** Those without their current record. */
  gaps: LedgerGap[];
}

export async function checkLedger(
  store: Store,
  engine: EngineConfig,
  asOf: EpochMs,
): Promise<LedgerCheck> {
  const [rows, head, records, base] = await Promise.all([
    store.evidence.rows(),
    store.evidence.head(),
    store.load(),
    store.ledgerArchive.base(),
  ]);
  // Deployments over before the last prune are past retention: the archive holds their
  // evidence, the store need not (decision 156).
  const horizon = base.prunedBeforeMs ?? Number.NEGATIVE_INFINITY;
  const candidates = productionCandidates(records, engine, asOf).filter(
    (c) => Date.parse(c.facts.finishedAt) >= horizon,
  );
  return {
    asOf,
    rows,
    head,
    base,
    issues: verifyLedger(rows, head, base),
    deployments: candidates.length,
    gaps: ledgerGaps(candidates, rows),
  };
}

export const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** The summary of a ledger that is not intact, naming both kinds of trouble. */
export function notIntactSummary(check: LedgerCheck): string {
  const parts: string[] = [];
  if (check.issues.length)
    parts.push(`${plural(check.issues.length, "problem")} in ${check.rows.length} records`);
  if (check.gaps.length)
    parts.push(
      `${check.gaps.length} of ${plural(check.deployments, "production deployment")} at ${new Date(check.asOf).toISOString()} without their current record`,
    );
  return `evidence ledger NOT intact: ${parts.join("; ")}`;
}
