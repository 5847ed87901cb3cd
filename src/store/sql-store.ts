import { randomUUID } from "node:crypto";
import { RECORD_KINDS, type RecordKind, type RecordSet } from "../domain/records.ts";
import { sqlCollectorFailureLog } from "./collector-failures.ts";
import { sqlEvidenceLedger } from "./evidence-ledger.ts";
import { horizonReads } from "./horizon-reads.ts";
import { sqlDeliveryLog, sqlHttpCache } from "./http-cache.ts";
import { sqlLeadership } from "./leadership.ts";
import { sqlLedgerArchiveState } from "./ledger-archive.ts";
import { readRecordsIn } from "./read-records.ts";
import { pruneRecords } from "./record-retention.ts";
import { upsertRecords } from "./record-table.ts";
import { readScans, writeScans } from "./scan-history.ts";
import { sqlServedSnapshot } from "./served-snapshot.ts";
import type { SqlConnection } from "./sql.ts";
import type { Store, StoreView, SyncWrite, UpsertCounts } from "./store.ts";
import { readCursors, writeCursors, writePolicies } from "./sync-state.ts";
import { FOLLOWED_TABLES, recordsOf, tableOf } from "./tables.ts";
import { announceWrite, watchWrites } from "./write-nudge.ts";
import { currentWriteSeq, serializeWrites } from "./write-sequence.ts";

// The Store over either backend. It only sequences the per-kind statements; what a
// kind's rows look like is its table module's business.

function perKind<T>(value: () => T): Record<RecordKind, T> {
  return Object.fromEntries(RECORD_KINDS.map((kind) => [kind, value()])) as Record<RecordKind, T>;
}

/**
 * Every record, or those written after `afterSeq`, with the write sequence number they
 * are current to. One repeatable-read transaction: a consistent view while others write.
 */
function readRecords(db: SqlConnection, afterSeq?: number): Promise<StoreView> {
  return db.transaction(async (tx) => {
    await tx.exec("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
    return readRecordsIn(tx, await currentWriteSeq(tx, FOLLOWED_TABLES), afterSeq);
  });
}

export function createSqlStore(db: SqlConnection): Store {
  const leadership = sqlLeadership(db);
  let closed = false;
  // Names this store's writes in their notifications (write-nudge.ts).
  const writer = randomUUID();
  const open = (): SqlConnection => {
    if (closed) throw new Error("store is closed");
    return db;
  };
  return {
    backend: db.backend,

    async upsert(
      records: Partial<RecordSet>,
      sync: SyncWrite = {},
    ): Promise<Record<RecordKind, UpsertCounts>> {
      const counts = perKind<UpsertCounts>(() => ({ written: 0, unchanged: 0 }));
      const kinds = RECORD_KINDS.filter((kind) => recordsOf(records, kind).length > 0);
      const { cursors = [], policies = [], scans = [] } = sync;
      const state = cursors.length + policies.length + scans.length;
      if (kinds.length === 0 && state === 0) return counts;
      await open().transaction(async (tx) => {
        await serializeWrites(tx);
        if (db.listen) await announceWrite(tx, writer);
        for (const kind of kinds) {
          const items = recordsOf(records, kind);
          const written = await upsertRecords(tx, tableOf(kind), items);
          counts[kind] = { written, unchanged: items.length - written };
        }
        await writePolicies(tx, policies);
        await writeCursors(tx, cursors);
        await writeScans(tx, scans);
      });
      return counts;
    },

    async load(): Promise<RecordSet> {
      return (await readRecords(open())).records;
    },

    loadAt: () => readRecords(open()),

    changesSince: (seq) => readRecords(open(), seq),

    horizon: (read) =>
      open().transaction(async (tx) => {
        await tx.exec("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
        const seq = await currentWriteSeq(tx, FOLLOWED_TABLES);
        return read(horizonReads(tx, seq, (afterSeq) => readRecordsIn(tx, seq, afterSeq)));
      }),

    writeSeq: () => currentWriteSeq(open(), FOLLOWED_TABLES),

    watchWrites: db.listen && ((onWrite) => watchWrites(open(), writer, onWrite)),

    leadership,

    async storedIds(kind, ids) {
      if (ids.length === 0) return new Set();
      const rows = await open().query<{ id: string }>(
        `SELECT id FROM ${tableOf(kind).table} WHERE id = ANY($1::text[])`,
        [ids],
      );
      return new Set(rows.map((row) => row.id));
    },

    cursors: (source) => readCursors(open(), source),
    scans: (service, series) => readScans(open(), service, series),
    httpCache: sqlHttpCache(db),
    deliveries: sqlDeliveryLog(db),
    evidence: sqlEvidenceLedger(db),
    ledgerArchive: sqlLedgerArchiveState(db),
    pruneRecords: (before) => pruneRecords(db, before),
    collectorFailures: sqlCollectorFailureLog(db),
    servedSnapshot: sqlServedSnapshot(db),

    async counts(): Promise<Record<RecordKind, number>> {
      const union = RECORD_KINDS.map(
        (kind) => `SELECT '${kind}' AS kind, count(*)::integer AS n FROM ${tableOf(kind).table}`,
      ).join(" UNION ALL ");
      const rows = await open().query<{ kind: RecordKind; n: number }>(union);
      const counts = perKind(() => 0);
      for (const row of rows) counts[row.kind] = row.n;
      return counts;
    },

    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      await leadership.resign();
      await db.close();
    },
  };
}
