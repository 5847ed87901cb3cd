import type { BranchPolicy, RecordKind, RecordSet } from "../domain/records.ts";
import type { CollectorFailureLog } from "./collector-failures.ts";
import type { EvidenceLedger } from "./evidence-ledger.ts";
import type { HorizonReadsOf } from "./horizon-reads.ts";
import type { HttpCache } from "./http-cache.ts";
import type { Leadership } from "./leadership.ts";
import type { LedgerArchiveState } from "./ledger-archive.ts";
import type { Scan, ScanWrite } from "./scan-history.ts";
import type { ServedSnapshotStore } from "./served-snapshot.ts";
import type { CursorWrite } from "./sync-state.ts";
import type { WriteWatch } from "./write-nudge.ts";

// The storage seam the rest of the exporter codes against. Collectors and imports
// write through upsert(); the engine reads everything back with load() and never
// queries the database itself.

export interface UpsertCounts {
  /** Rows inserted, or updated because at least one stored value differed. */
  written: number;
  /** Rows whose stored values were already identical (or superseded later in the batch). */
  unchanged: number;
}

/** Sync state stored in the same transaction as the records it covers. */
export interface SyncWrite {
  cursors?: readonly CursorWrite[];
  policies?: readonly BranchPolicy[];
  /** Scanner reports, kept to derive when findings were fixed (scan-history.ts). */
  scans?: readonly ScanWrite[];
}

export interface DeliveryLog {
  /** True when a delivery of this id was applied already. */
  applied(id: string): Promise<boolean>;
  /** Remembers a delivery once it is applied (idempotent). */
  remember(id: string): Promise<void>;
}

/** The kinds identified by one `id` (checks and costs have composite identities). */
export type IdentifiedKind = "deployment" | "change" | "incident" | "vulnerability" | "experiment";

/** Records as of a write sequence number (the store's position in its change history). */
export interface StoreView {
  records: RecordSet;
  /** The highest write sequence number these records include. */
  seq: number;
}

/** The bounded working set's reads, in one transaction of the store. */
export type HorizonReads = HorizonReadsOf<StoreView>;

export interface Store {
  readonly backend: "pglite" | "postgres";
  /** One transaction: either every record is stored or none. Idempotent per source identity. */
  upsert(records: Partial<RecordSet>, sync?: SyncWrite): Promise<Record<RecordKind, UpsertCounts>>;
  /** Every record, as domain objects (epoch-ms numbers), ordered by identity, with branch policies. */
  load(): Promise<RecordSet>;
  /** load(), with the write sequence number the records are current to. */
  loadAt(): Promise<StoreView>;
  /**
   * The records written (inserted or changed) after `seq`, in load order, and the sequence
   * number they bring the reader to. `branchPolicies` is present, as the whole current
   * list, only when a policy changed.
   */
  changesSince(seq: number): Promise<StoreView>;
  /**
   * Reads a bounded working set and the history questions around it, in one consistent
   * view of the store (a repeatable-read transaction) at its write sequence number.
   */
  horizon<T>(read: (reads: HorizonReads) => Promise<T>): Promise<T>;
  /** The highest write sequence number committed: a cheap "has anything changed?". */
  writeSeq(): Promise<number>;
  /**
   * PostgreSQL: calls `onWrite` after each write any process commits to this store, so a
   * replica follows at once rather than at its next poll.
   */
  watchWrites?(onWrite: () => void): Promise<WriteWatch>;
  /** Which replica runs the collectors and appends the ledger. */
  readonly leadership: Leadership;
  /** Which of these ids are stored as records of a kind whose identity is its id. */
  storedIds(kind: IdentifiedKind, ids: readonly string[]): Promise<Set<string>>;
  /** A source's cursors, by key. */
  cursors(source: string): Promise<Map<string, unknown>>;
  /** Every stored scan of one scanned artifact of a service, oldest first. */
  scans(service: string, series: string): Promise<Scan[]>;
  readonly httpCache: HttpCache;
  readonly deliveries: DeliveryLog;
  /** The append-only, hash-chained evidence of production deployments. */
  readonly evidence: EvidenceLedger;
  /** What of the ledger was sealed into the write-once archive, and where it now begins. */
  readonly ledgerArchive: LedgerArchiveState;
  /** Deletes every record over before `before` (decision 156); counts by kind. */
  pruneRecords(before: number): Promise<Record<RecordKind, number>>;
  /** Failed collector runs per day, for reports on sources that failed in a period. */
  readonly collectorFailures: CollectorFailureLog;
  /** The last snapshot a serving process computed, for a fast next start. */
  readonly servedSnapshot: ServedSnapshotStore;
  counts(): Promise<Record<RecordKind, number>>;
  close(): Promise<void>;
}

/** Where each kind lives in a RecordSet: the kinds are singular, the collections plural. */
export const RECORD_SET_FIELD = {
  deployment: "deployments",
  change: "changes",
  incident: "incidents",
  check: "checks",
  vulnerability: "vulnerabilities",
  cost: "costs",
  experiment: "experiments",
} as const satisfies Record<RecordKind, keyof RecordSet>;
