import { parseCanonical } from "../domain/canonical-json.ts";
import {
  type EvidenceCandidate,
  type LatestJudgement,
  needsRecord,
  rejudgedReason,
} from "../domain/evidence-candidate.ts";
import {
  type ChainHead,
  headOf,
  type SealContext,
  seal,
  sealPolicy,
} from "../domain/evidence-chain.ts";
import {
  type EvidencePolicy,
  isPolicyRecord,
  POLICY_SUBJECT_PREFIX,
  type SealedEvidence,
} from "../domain/evidence-record.ts";
import type { SqlConnection, SqlExecutor } from "./sql.ts";

// The ledger's storage. The only write is append(): under a lock on the head row, so
// replicas sharing a database extend one chain instead of forking it, each candidate whose
// facts differ from its deployment's latest record becomes the next record. Nothing here
// updates or deletes a record, and the migration's triggers refuse it to anyone else.

/** A record as stored, columns included, for verification and export. */
export interface StoredEvidence {
  seq: number;
  deploymentId: string;
  finishedAtMs: number;
  recordedAtMs: number;
  factsDigest: string;
  /** The policy digest the record cites; absent from records before policies were recorded. */
  policyDigest?: string;
  text: string;
  hash: string;
}

export interface EvidenceLedger {
  /** Appends what changed since each deployment's latest record; returns what was appended. */
  append(candidates: readonly EvidenceCandidate[], context: SealContext): Promise<SealedEvidence[]>;
  /**
   * Appends the policy versions `reconcile` returns for the policy records already held,
   * read under the head's lock so replicas seeing one config record it once (decision 131).
   */
  appendPolicies(
    reconcile: (known: readonly EvidencePolicy[]) => EvidencePolicy[],
    recordedAt: number,
  ): Promise<{ known: EvidencePolicy[]; appended: SealedEvidence[] }>;
  /** The policy records, in seq order. */
  policies(): Promise<EvidencePolicy[]>;
  /** The policy records appended after seq `after` up to `through`: only those rows are read. */
  policiesIn(after: number, through: number): Promise<EvidencePolicy[]>;
  /** Every record in seq order, exactly as stored. */
  rows(): Promise<StoredEvidence[]>;
  /** The head row: the seq, deployment and hash of the last record appended. */
  head(): Promise<ChainHead>;
}

type HeadRow = { seq: string | number; deployment_id: string | null; hash: string | null };

const toHead = (row: HeadRow | undefined): ChainHead =>
  row === undefined || Number(row.seq) === 0
    ? { seq: 0 }
    : { seq: Number(row.seq), deploymentId: row.deployment_id ?? "", hash: row.hash ?? "" };

/** A stored record's columns as read: bigint and timestamps arrive as text or numbers. */
export type StoredRow = {
  seq: string | number;
  deployment_id: string;
  finished_ms: number;
  recorded_ms: number;
  facts_digest: string;
  policy_digest: string | null;
  record: string;
  hash: string;
};

export const STORED_COLUMNS = `seq, deployment_id, facts_digest, policy_digest, record, hash,
  (extract(epoch from finished_at) * 1000)::float8 AS finished_ms,
  (extract(epoch from recorded_at) * 1000)::float8 AS recorded_ms`;

export const toStored = (r: StoredRow): StoredEvidence => ({
  seq: Number(r.seq),
  deploymentId: r.deployment_id,
  finishedAtMs: r.finished_ms,
  recordedAtMs: r.recorded_ms,
  factsDigest: r.facts_digest,
  policyDigest: r.policy_digest ?? undefined,
  text: r.record,
  hash: r.hash,
});

/** The horizon of the last prune, if any: what finished before it is past retention. */
export async function prunedBefore(db: SqlExecutor): Promise<number | undefined> {
  const rows = await db.query<{ before_ms: number | null }>(
    `SELECT (extract(epoch from pruned_before) * 1000)::float8 AS before_ms FROM evidence_base`,
  );
  return rows[0]?.before_ms ?? undefined;
}

/** Candidates past which one pass over the ledger beats looking each deployment up. */
const LOOK_UP_AT_MOST = 5_000;

/** The latest record of each of these deployments (of every one, for many). */
async function latestDigests(
  tx: SqlExecutor,
  deploymentIds: readonly string[],
): Promise<Map<string, LatestJudgement & { seq: number }>> {
  // A serving refresh appends for a few deployments: reading the latest record of every
  // deployment in the ledger for them cost a 100k-row read and its garbage each time.
  const some = deploymentIds.length <= LOOK_UP_AT_MOST;
  const rows = await tx.query<{
    deployment_id: string;
    seq: string | number;
    facts_digest: string;
    policy_digest: string | null;
  }>(
    `SELECT DISTINCT ON (deployment_id) deployment_id, seq, facts_digest, policy_digest
       FROM evidence_records ${some ? "WHERE deployment_id = ANY($1::text[])" : ""}
      ORDER BY deployment_id, seq DESC`,
    some ? [[...new Set(deploymentIds)]] : undefined,
  );
  return new Map(
    rows.map((r) => [
      r.deployment_id,
      { seq: Number(r.seq), digest: r.facts_digest, policy: r.policy_digest },
    ]),
  );
}

async function policyRecords(
  db: SqlExecutor,
  after = 0,
  through = Number.MAX_SAFE_INTEGER,
): Promise<EvidencePolicy[]> {
  // The seq range rides the primary key: a serving process's look for new policies reads
  // only what was appended since its last look.
  const rows = await db.query<{ record: string }>(
    `SELECT record FROM evidence_records
      WHERE seq > $2 AND seq <= $3 AND starts_with(deployment_id, $1) ORDER BY seq`,
    [POLICY_SUBJECT_PREFIX, after, through],
  );
  return rows.flatMap((r) => {
    const record = parseCanonical(r.record);
    return isPolicyRecord(record) ? [record.policy] : [];
  });
}

async function insert(tx: SqlExecutor, records: readonly SealedEvidence[]): Promise<void> {
  const column = <K extends keyof SealedEvidence>(key: K) => records.map((r) => r[key]);
  await tx.query(
    `INSERT INTO evidence_records
       (seq, deployment_id, finished_at, recorded_at, facts_digest, record, hash, policy_digest)
     SELECT * FROM unnest($1::bigint[], $2::text[], $3::timestamptz[], $4::timestamptz[],
                          $5::text[], $6::text[], $7::text[], $8::text[])`,
    [
      column("seq"),
      column("deploymentId"),
      column("finishedAt"),
      column("recordedAt"),
      column("factsDigest"),
      column("text"),
      column("hash"),
      records.map((r) => r.policyDigest ?? null),
    ],
  );
}

/** Rows per INSERT: bounded parameters on a first run over a long history. */
const CHUNK = 2_000;

export function sqlEvidenceLedger(db: SqlConnection): EvidenceLedger {
  return {
    append: async (candidates, context) => {
      if (!candidates.length) return [];
      return db.transaction(async (tx) => {
        const locked = await tx.query<HeadRow>(
          "SELECT seq, deployment_id, hash FROM evidence_head FOR UPDATE",
        );
        let head = toHead(locked[0]);
        // Deployments over before the last prune are past retention: their evidence is
        // what the archive holds, and a record pruned is not appended again (decision 156).
        const horizon = (await prunedBefore(tx)) ?? Number.NEGATIVE_INFINITY;
        const latest = await latestDigests(
          tx,
          candidates.map((c) => c.deploymentId),
        );
        const appended: SealedEvidence[] = [];
        for (const candidate of candidates) {
          const known = latest.get(candidate.deploymentId);
          if (Date.parse(candidate.facts.finishedAt) < horizon) continue;
          if (!needsRecord(known, candidate)) continue;
          const rejudged =
            known?.digest === candidate.factsDigest ? rejudgedReason(candidate) : undefined;
          const sealed = seal(candidate, head, known?.seq ?? null, context, rejudged);
          appended.push(sealed);
          latest.set(candidate.deploymentId, {
            seq: sealed.seq,
            digest: sealed.factsDigest,
            policy: sealed.policyDigest ?? null,
          });
          head = headOf(sealed);
        }
        for (let start = 0; start < appended.length; start += CHUNK)
          await insert(tx, appended.slice(start, start + CHUNK));
        if (appended.length)
          await tx.query("UPDATE evidence_head SET seq = $1, deployment_id = $2, hash = $3", [
            head.seq,
            head.deploymentId,
            head.hash,
          ]);
        return appended;
      });
    },

    appendPolicies: (reconcile, recordedAt) =>
      db.transaction(async (tx) => {
        const locked = await tx.query<HeadRow>(
          "SELECT seq, deployment_id, hash FROM evidence_head FOR UPDATE",
        );
        let head = toHead(locked[0]);
        const known = await policyRecords(tx);
        const appended: SealedEvidence[] = [];
        for (const policy of reconcile(known)) {
          const sealed = sealPolicy(policy, head, recordedAt);
          appended.push(sealed);
          head = headOf(sealed);
        }
        if (!appended.length) return { known, appended };
        await insert(tx, appended);
        await tx.query("UPDATE evidence_head SET seq = $1, deployment_id = $2, hash = $3", [
          head.seq,
          head.deploymentId,
          head.hash,
        ]);
        return { known, appended };
      }),

    policies: () => policyRecords(db),
    policiesIn: (after, through) => policyRecords(db, after, through),

    async rows() {
      const rows = await db.query<StoredRow>(`SELECT ${STORED_COLUMNS} FROM evidence_records`);
      // Sorted here, not by ORDER BY: the planner would walk the primary key's index, and a
      // verification must see the rows the table holds, duplicates an index hides included.
      rows.sort((a, b) => Number(a.seq) - Number(b.seq));
      return rows.map(toStored);
    },

    async head() {
      return toHead(
        (await db.query<HeadRow>("SELECT seq, deployment_id, hash FROM evidence_head"))[0],
      );
    },
  };
}
