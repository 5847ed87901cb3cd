import type { EpochMs } from "../domain/records.ts";
import type { SqlConnection } from "./sql.ts";

// The last snapshot a serving process computed, kept so the next start serves numbers at
// once (with readiness false and the snapshot's age on /metrics) while the fresh one is
// computed: at a hundred thousand deployments that takes far longer than a scrape waits.

export const SERVED_SNAPSHOT_DDL = `
  CREATE TABLE served_snapshot (
    id            integer PRIMARY KEY CHECK (id = 1),
    config_digest text NOT NULL,
    as_of         timestamptz NOT NULL,
    saved_at      timestamptz NOT NULL,
    write_seq     bigint NOT NULL,
    samples       text NOT NULL,
    text          text NOT NULL,
    open_metrics  text NOT NULL
  );`;

export interface ServedSnapshot {
  /** Digest of the engine config it was computed under: another config's is not served. */
  configDigest: string;
  asOf: EpochMs;
  savedAt: EpochMs;
  /** The store's write sequence number its records were current to. */
  writeSeq: number;
  /** The KpiSnapshot's samples as JSON. */
  samples: string;
  text: string;
  openMetrics: string;
}

export interface ServedSnapshotStore {
  load(): Promise<ServedSnapshot | undefined>;
  /** Replaces the kept snapshot (one row: replicas sharing a database share it too). */
  save(snapshot: ServedSnapshot): Promise<void>;
}

type Row = {
  config_digest: string;
  as_of_ms: number;
  saved_at_ms: number;
  write_seq: string | number;
  samples: string;
  text: string;
  open_metrics: string;
};

export function sqlServedSnapshot(db: SqlConnection): ServedSnapshotStore {
  return {
    async load() {
      const [row] = await db.query<Row>(
        `SELECT config_digest, (extract(epoch from as_of) * 1000)::float8 AS as_of_ms,
                (extract(epoch from saved_at) * 1000)::float8 AS saved_at_ms,
                write_seq, samples, text, open_metrics
           FROM served_snapshot WHERE id = 1`,
      );
      if (!row) return undefined;
      return {
        configDigest: row.config_digest,
        asOf: row.as_of_ms,
        savedAt: row.saved_at_ms,
        writeSeq: Number(row.write_seq),
        samples: row.samples,
        text: row.text,
        openMetrics: row.open_metrics,
      };
    },
    async save(s) {
      await db.query(
        `INSERT INTO served_snapshot
           (id, config_digest, as_of, saved_at, write_seq, samples, text, open_metrics)
         VALUES (1, $1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (id) DO UPDATE SET config_digest = excluded.config_digest,
           as_of = excluded.as_of, saved_at = excluded.saved_at, write_seq = excluded.write_seq,
           samples = excluded.samples, text = excluded.text, open_metrics = excluded.open_metrics`,
        [
          s.configDigest,
          new Date(s.asOf).toISOString(),
          new Date(s.savedAt).toISOString(),
          s.writeSeq,
          s.samples,
          s.text,
          s.openMetrics,
        ],
      );
    },
  };
}
