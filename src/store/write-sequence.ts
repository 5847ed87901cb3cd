import type { SqlExecutor } from "./sql.ts";

// Every stored row carries the write sequence number of the write that last changed it,
// so a serving process (or another replica on the same database) follows the store by
// reading what changed since the number it last saw, instead of reloading everything.

const SEQUENCE = "record_write_seq";

/** Migration 6: the sequence, a column on every followed table and an index to follow it by. */
export const writeSequenceDdl = (tables: readonly string[]): string =>
  [
    `CREATE SEQUENCE ${SEQUENCE};`,
    ...tables.map(
      (table) => `
  ALTER TABLE ${table} ADD COLUMN write_seq bigint NOT NULL DEFAULT nextval('${SEQUENCE}');
  CREATE INDEX ${table}_write_seq ON ${table} (write_seq);`,
    ),
  ].join("\n");

export const NEXT_SEQ = `nextval('${SEQUENCE}')`;

/**
 * Migration 10: the sequence number of each row's first write, so a follower tells a row
 * it could have read before (an update) from a new one. Rows older than it have none.
 */
export const firstSequenceDdl = (tables: readonly string[]): string =>
  tables.map((table) => `ALTER TABLE ${table} ADD COLUMN first_seq bigint;`).join("\n");

/** What an upsert's SET list adds, so an update moves the row to the end of the sequence. */
export const NEXT_WRITE_SEQ = `write_seq = nextval('${SEQUENCE}')`;

/**
 * Arbitrary but fixed; the second key is the schema, so stores sharing a database do not
 * wait on each other. Writers take it for their whole transaction, so on PostgreSQL
 * sequence order is commit order: a follower that has read up to n never later finds an
 * n−1 committed behind its back.
 */
const WRITE_LOCK = 7_260_118;

export async function serializeWrites(tx: SqlExecutor): Promise<void> {
  await tx.query("SELECT pg_advisory_xact_lock($1, hashtext(current_schema()))", [WRITE_LOCK]);
}

/** The highest write sequence number committed so far (0 for an empty store). */
export async function currentWriteSeq(db: SqlExecutor, tables: readonly string[]): Promise<number> {
  const union = tables.map((t) => `SELECT max(write_seq) AS seq FROM ${t}`).join(" UNION ALL ");
  const rows = await db.query<{ seq: string | number | null }>(
    `SELECT coalesce(max(seq), 0) AS seq FROM (${union}) AS tables`,
  );
  return Number(rows[0]?.seq ?? 0);
}
