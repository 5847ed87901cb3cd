import { parseCanonical } from "../domain/canonical-json.ts";
import type { ChainHead } from "../domain/evidence-chain.ts";
import {
  type EvidenceControl,
  type EvidenceFacts,
  type EvidencePolicy,
  type EvidenceRecord,
  isPolicyRecord,
  type LedgerRecord,
} from "../domain/evidence-record.ts";
import type { StoredEvidence } from "../store/evidence-ledger.ts";
import { historyOf } from "./policy-records.ts";

// The auditor's evidence package (docs/decisions/evidence.md): the production deployments
// that finished in a period, each as its latest ledger record says, and the whole ledger
// as hashed text up to its head. The table is for reading; the chain is the proof: every
// row of the table must be what its record says, every in-period deployment of the ledger
// must be in the table, and the chain must hash up to the head. All of it can be checked
// offline with `kpi-exporter evidence verify --package FILE` or any JCS + SHA-256 tool.

export const PACKAGE_FORMAT = "kpi-exporter/evidence-package/v1";

/** A table row: the deployment's latest record, flattened, with that record's hash. */
export type PackagedDeployment = EvidenceFacts & {
  deploymentId: string;
  /** The ledger record this row reproduces: the deployment's latest. */
  seq: number;
  hash: string;
  /** The record it corrects, when the facts changed after the first record. */
  supersedes: number | null;
  recordedAt: string;
  compliant: boolean;
  controls: EvidenceControl[];
  /** Digest of the policy version that judged it, listed under `policies`. */
  policy?: string;
  /** Why this record re-judged its deployment, when it did. */
  rejudged?: string;
};

/** A policy version of the period, as its ledger record says it. */
export type PackagedPolicy = EvidencePolicy & { seq: number; hash: string; recordedAt: string };

export interface EvidencePackage {
  format: typeof PACKAGE_FORMAT;
  exportedAt: string;
  /** The period: deployments with from <= finishedAt < to. */
  from: string;
  to: string;
  head: ChainHead;
  deployments: PackagedDeployment[];
  /**
   * The policy versions of the period (contract §8.2): each scope's in force at `from`,
   * those in force from an instant in the period, and any a listed deployment cites.
   */
  policies: PackagedPolicy[];
  /** Every record's canonical JSON text, seq 1 to the head, exactly as hashed. */
  chain: string[];
}

/** A deployment's row as its record says it. */
export function packagedDeployment(record: EvidenceRecord, hash: string): PackagedDeployment {
  return {
    deploymentId: record.deploymentId,
    seq: record.seq,
    hash,
    supersedes: record.supersedes,
    recordedAt: record.recordedAt,
    ...record.facts,
    compliant: record.verdict.compliant,
    controls: record.verdict.controls,
    policy: record.policy,
    rejudged: record.rejudged,
  };
}

export interface LatestRecord {
  record: EvidenceRecord;
  hash: string;
}

/** A record of the chain, of a deployment or of a policy version, with its hash. */
export interface ChainEntry {
  record: LedgerRecord;
  hash: string;
}

/** Each deployment's latest record among these, keyed by deployment id. */
export function latestRecords(chain: readonly ChainEntry[]): Map<string, LatestRecord> {
  const latest = new Map<string, LatestRecord>();
  for (const { record, hash } of chain)
    if (!isPolicyRecord(record)) latest.set(record.deploymentId, { record, hash });
  return latest;
}

/** The policy versions a package of [from, to) lists, in seq order (see EvidencePackage). */
export function periodPolicies(
  chain: readonly ChainEntry[],
  from: string,
  to: string,
  cited: ReadonlySet<string>,
): PackagedPolicy[] {
  const records = chain.flatMap(({ record, hash }) =>
    isPolicyRecord(record)
      ? [{ ...record.policy, seq: record.seq, hash, recordedAt: record.recordedAt }]
      : [],
  );
  const wanted = new Set<string>(cited);
  const start = Date.parse(from);
  const end = Date.parse(to);
  for (const scope of new Set(records.map((r) => r.scope))) {
    const history = historyOf(records.filter((r) => r.scope === scope));
    let atStart = history[0];
    for (const v of history) {
      if (v.fromMs <= start) atStart = v;
      else if (v.fromMs < end) wanted.add(v.digest);
    }
    if (atStart) wanted.add(atStart.digest);
  }
  return records.filter((r) => wanted.has(r.digest));
}

/** Whether an ISO instant lies in [from, to). */
export function inPeriod(finishedAt: string, from: string, to: string): boolean {
  const t = Date.parse(finishedAt);
  return t >= Date.parse(from) && t < Date.parse(to);
}

/** The package of a ledger's rows for the period; the rows must be the whole ledger. */
export function buildPackage(
  rows: readonly Pick<StoredEvidence, "text" | "hash">[],
  head: ChainHead,
  period: { from: string; to: string; exportedAt: string },
): EvidencePackage {
  const chain = rows.map((row) => ({
    record: parseCanonical(row.text) as LedgerRecord,
    hash: row.hash,
  }));
  const deployments = [...latestRecords(chain).values()]
    .filter(({ record }) => inPeriod(record.facts.finishedAt, period.from, period.to))
    .map(({ record, hash }) => packagedDeployment(record, hash))
    .sort(
      (a, b) =>
        Date.parse(a.finishedAt) - Date.parse(b.finishedAt) ||
        (a.deploymentId < b.deploymentId ? -1 : 1),
    );
  const cited = new Set(deployments.flatMap((d) => d.policy ?? []));
  return {
    format: PACKAGE_FORMAT,
    exportedAt: period.exportedAt,
    from: period.from,
    to: period.to,
    head,
    deployments,
    policies: periodPolicies(chain, period.from, period.to, cited),
    chain: rows.map((row) => row.text),
  };
}
