import { RECORD_KINDS } from "../domain/records.ts";
import { COLLECTOR_FAILURES_DDL } from "./collector-failures.ts";
import { DEPLOYMENT_ANCESTRY_DDL } from "./deployments.ts";
import { EVIDENCE_DDL, EVIDENCE_POLICY_DDL } from "./evidence-ddl.ts";
import { HORIZON_INDEXES_DDL } from "./horizon-indexes.ts";
import { LEDGER_ARCHIVE_DDL } from "./ledger-archive-ddl.ts";
import { SCAN_HISTORY_DDL } from "./scan-history.ts";
import { SERVED_SNAPSHOT_DDL } from "./served-snapshot.ts";
import type { SqlConnection } from "./sql.ts";
import { SYNC_STATE_DDL } from "./sync-state.ts";
import { FOLLOWED_TABLES, RECORD_TABLES } from "./tables.ts";
import { firstSequenceDdl, writeSequenceDdl } from "./write-sequence.ts";

// Versioned, append-only schema changes. A released migration is never edited: a
// change to a table is a new entry at the end. All pending migrations apply in one
// transaction, so a failure leaves the schema exactly as it was.

export interface Migration {
  version: number;
  description: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: "record tables",
    sql: RECORD_KINDS.map((kind) => RECORD_TABLES[kind].ddl).join("\n"),
  },
  {
    version: 2,
    description: "sync cursors, HTTP cache, webhook deliveries, branch policies",
    sql: SYNC_STATE_DDL,
  },
  { version: 3, description: "evidence ledger", sql: EVIDENCE_DDL },
  { version: 4, description: "scanner scan history", sql: SCAN_HISTORY_DDL },
  { version: 5, description: "failed collector runs per day", sql: COLLECTOR_FAILURES_DDL },
  {
    version: 6,
    description: "write sequence to follow the store by",
    sql: writeSequenceDdl(FOLLOWED_TABLES),
  },
  { version: 7, description: "the last served snapshot", sql: SERVED_SNAPSHOT_DDL },
  {
    version: 8,
    description: "deployments: commit a strict ancestor of the previous one's",
    sql: DEPLOYMENT_ANCESTRY_DDL,
  },
  { version: 9, description: "evidence: the policy a record cites", sql: EVIDENCE_POLICY_DDL },
  {
    version: 10,
    description: "first writes and indexes to read a working set by",
    sql: `${firstSequenceDdl(Object.values(RECORD_TABLES).map((t) => t.table))}\n${HORIZON_INDEXES_DDL}`,
  },
  {
    version: 11,
    description: "evidence: archived segments and the base the ledger starts after",
    sql: LEDGER_ARCHIVE_DDL,
  },
];

/** Arbitrary but fixed: replicas sharing one database take turns migrating it. */
const MIGRATION_LOCK = 7_260_117_001;

const CREATE_LEDGER = `
  CREATE TABLE IF NOT EXISTS schema_migrations (
    version     integer PRIMARY KEY,
    description text NOT NULL,
    applied_at  timestamptz NOT NULL DEFAULT now()
  )`;

/** Applies what the database lacks; returns the versions applied by this call. */
export async function migrate(
  db: SqlConnection,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<number[]> {
  return db.transaction(async (tx) => {
    await tx.query("SELECT pg_advisory_xact_lock($1)", [MIGRATION_LOCK]);
    await tx.exec(CREATE_LEDGER);
    const rows = await tx.query<{ version: number }>("SELECT version FROM schema_migrations");
    const applied = new Set(rows.map((row) => row.version));
    const newest = Math.max(0, ...applied);
    const known = Math.max(0, ...migrations.map((m) => m.version));
    // Running old code on a newer schema could write rows the new code misreads.
    if (newest > known)
      throw new Error(`database schema version ${newest} is newer than this exporter's ${known}`);
    const pending = migrations
      .filter((m) => !applied.has(m.version))
      .sort((a, b) => a.version - b.version);
    for (const migration of pending) {
      await tx.exec(migration.sql);
      await tx.query("INSERT INTO schema_migrations (version, description) VALUES ($1, $2)", [
        migration.version,
        migration.description,
      ]);
    }
    return pending.map((m) => m.version);
  });
}
