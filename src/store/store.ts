import type { RecordKind, RecordSet } from "../domain/records.ts";

// The storage seam the rest of the exporter codes against. Collectors and imports
// write through upsert(); the engine reads everything back with load() and never
// queries the database itself.

export interface UpsertCounts {
  /** Rows inserted, or updated because at least one stored value differed. */
  written: number;
  /** Rows whose stored values were already identical (or superseded later in the batch). */
  unchanged: number;
}

export interface Store {
  readonly backend: "pglite" | "postgres";
  /** One transaction: either every record is stored or none. Idempotent per source identity. */
  upsert(records: Partial<RecordSet>): Promise<Record<RecordKind, UpsertCounts>>;
  /** Every record, as domain objects (epoch-ms numbers), ordered by identity. */
  load(): Promise<RecordSet>;
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
