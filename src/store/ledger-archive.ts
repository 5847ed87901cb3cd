import type { ChainHead } from "../domain/evidence-chain.ts";
import {
  prunedBefore,
  STORED_COLUMNS,
  type StoredEvidence,
  type StoredRow,
  toStored,
} from "./evidence-ledger.ts";
import type { SqlConnection } from "./sql.ts";

// The store's side of the write-once archive (decision 156): the segments sealed so far,
// and the base the ledger in the store starts after once a prefix of it was pruned.

export interface SegmentRow {
  firstSeq: number;
  lastSeq: number;
  lastHash: string;
  /** SHA-256 of the archived object, hex. */
  sha256: string;
  /** Its key in the archive. */
  object: string;
  newestRecordedAtMs: number;
  retainUntilMs: number;
  legalHold: boolean;
  sealedAtMs: number;
}

/** The last pruned record, and the horizon deployments before which are past retention. */
export interface LedgerBase extends ChainHead {
  prunedBeforeMs?: number;
}

export interface LedgerArchiveState {
  segments(): Promise<SegmentRow[]>;
  recordSegment(segment: SegmentRow): Promise<void>;
  base(): Promise<LedgerBase>;
  /** The records after seq `after` up to `through`, in seq order. */
  rowsIn(after: number, through: number): Promise<StoredEvidence[]>;
  /**
   * Moves the base to the end of an archived segment and deletes every record up to it
   * but the policy records, in one transaction; returns how many were deleted.
   */
  prune(through: SegmentRow, prunedBeforeMs: number): Promise<number>;
}

type SegmentSql = {
  first_seq: string | number;
  last_seq: string | number;
  last_hash: string;
  sha256: string;
  object: string;
  newest_ms: number;
  retain_ms: number;
  legal_hold: boolean;
  sealed_ms: number;
};

const ms = (column: string, as: string) =>
  `(extract(epoch from ${column}) * 1000)::float8 AS ${as}`;

type BaseSql = { seq: string | number; deployment_id: string | null; hash: string | null };

export function sqlLedgerArchiveState(db: SqlConnection): LedgerArchiveState {
  return {
    async segments() {
      const rows = await db.query<SegmentSql>(
        `SELECT first_seq, last_seq, last_hash, sha256, object, legal_hold,
                ${ms("newest_recorded_at", "newest_ms")}, ${ms("retain_until", "retain_ms")},
                ${ms("sealed_at", "sealed_ms")}
           FROM evidence_segments ORDER BY last_seq`,
      );
      return rows.map((r) => ({
        firstSeq: Number(r.first_seq),
        lastSeq: Number(r.last_seq),
        lastHash: r.last_hash,
        sha256: r.sha256,
        object: r.object,
        newestRecordedAtMs: r.newest_ms,
        retainUntilMs: r.retain_ms,
        legalHold: r.legal_hold,
        sealedAtMs: r.sealed_ms,
      }));
    },

    async recordSegment(s) {
      await db.query(
        `INSERT INTO evidence_segments (first_seq, last_seq, last_hash, sha256, object,
           newest_recorded_at, retain_until, legal_hold, sealed_at)
         VALUES ($1, $2, $3, $4, $5, to_timestamp($6 / 1000.0), to_timestamp($7 / 1000.0), $8,
           to_timestamp($9 / 1000.0))`,
        [
          s.firstSeq,
          s.lastSeq,
          s.lastHash,
          s.sha256,
          s.object,
          s.newestRecordedAtMs,
          s.retainUntilMs,
          s.legalHold,
          s.sealedAtMs,
        ],
      );
    },

    async base() {
      const [row] = await db.query<BaseSql>("SELECT seq, deployment_id, hash FROM evidence_base");
      const seq = Number(row?.seq ?? 0);
      const before = await prunedBefore(db);
      const base: LedgerBase =
        seq === 0
          ? { seq: 0 }
          : { seq, deploymentId: row?.deployment_id ?? "", hash: row?.hash ?? "" };
      return before === undefined ? base : { ...base, prunedBeforeMs: before };
    },

    async rowsIn(after, through) {
      const rows = await db.query<StoredRow>(
        `SELECT ${STORED_COLUMNS} FROM evidence_records WHERE seq > $1 AND seq <= $2 ORDER BY seq`,
        [after, through],
      );
      return rows.map(toStored);
    },

    prune: (through, prunedBeforeMs) =>
      db.transaction(async (tx) => {
        const [last] = await tx.query<{ deployment_id: string }>(
          "SELECT deployment_id FROM evidence_records WHERE seq = $1",
          [through.lastSeq],
        );
        await tx.query(
          `UPDATE evidence_base SET seq = $1, hash = $2, deployment_id = $3,
             pruned_before = greatest(pruned_before, to_timestamp($4 / 1000.0))`,
          [through.lastSeq, through.lastHash, last?.deployment_id ?? null, prunedBeforeMs],
        );
        const deleted = await tx.query<{ seq: string }>(
          `DELETE FROM evidence_records
            WHERE seq <= $1 AND NOT starts_with(deployment_id, 'policy:') RETURNING seq`,
          [through.lastSeq],
        );
        return deleted.length;
      }),
  };
}
