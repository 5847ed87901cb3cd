import type { RecordKind, RecordSet } from "../domain/records.ts";
import { changesTable } from "./changes.ts";
import { checksTable } from "./checks.ts";
import { costsTable } from "./costs.ts";
import { deploymentsTable } from "./deployments.ts";
import { experimentsTable } from "./experiments.ts";
import { incidentsTable } from "./incidents.ts";
import type { RecordTable } from "./record-table.ts";
import { RECORD_SET_FIELD } from "./store.ts";
import { vulnerabilitiesTable } from "./vulnerabilities.ts";

// The one table of record kinds: adding a kind is a module plus a row here (and a
// migration creating its table).

export type RecordOf<K extends RecordKind> = RecordSet[(typeof RECORD_SET_FIELD)[K]][number];

export const RECORD_TABLES: { readonly [K in RecordKind]: RecordTable<RecordOf<K>> } = {
  deployment: deploymentsTable,
  change: changesTable,
  incident: incidentsTable,
  check: checksTable,
  vulnerability: vulnerabilitiesTable,
  cost: costsTable,
  experiment: experimentsTable,
};

/** The tables a follower reads changes from: every record table and the branch policies. */
export const FOLLOWED_TABLES: readonly string[] = [
  ...Object.values(RECORD_TABLES).map((t) => t.table),
  "branch_policies",
];

export type UntypedRecord = Record<string, unknown>;

/**
 * The table of a kind chosen at run time. Code looping over RECORD_KINDS sees a union
 * TypeScript cannot correlate with the matching record type, so the link is asserted
 * here, once, where the map above guarantees it.
 */
export function tableOf(kind: RecordKind): RecordTable<UntypedRecord> {
  return RECORD_TABLES[kind] as unknown as RecordTable<UntypedRecord>;
}

/** The records of one kind inside a (partial) RecordSet, as the tables consume them. */
export function recordsOf(records: Partial<RecordSet>, kind: RecordKind): UntypedRecord[] {
  return (records[RECORD_SET_FIELD[kind]] ?? []) as unknown as UntypedRecord[];
}
