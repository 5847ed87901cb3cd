import { emptyRecordSet, RECORD_KINDS } from "../domain/records.ts";
import { loadRecords } from "./record-table.ts";
import type { SqlExecutor } from "./sql.ts";
import { RECORD_SET_FIELD, type StoreView } from "./store.ts";
import { readPolicies } from "./sync-state.ts";
import { tableOf } from "./tables.ts";

/** readRecords inside a transaction already at `seq`. */
export async function readRecordsIn(
  tx: SqlExecutor,
  seq: number,
  afterSeq?: number,
): Promise<StoreView> {
  const records = emptyRecordSet();
  if (afterSeq !== undefined && seq <= afterSeq) return { records, seq };
  for (const kind of RECORD_KINDS) {
    const after = afterSeq === undefined ? undefined : { seq: afterSeq, upTo: seq };
    const rows = await loadRecords(tx, tableOf(kind), after);
    (records[RECORD_SET_FIELD[kind]] as unknown[]) = rows;
  }
  const policiesChanged =
    afterSeq === undefined ||
    (await tx.query("SELECT 1 FROM branch_policies WHERE write_seq > $1 LIMIT 1", [afterSeq]))
      .length > 0;
  // Policies are few and judge everything: a change to one hands over the whole list.
  const policies = policiesChanged ? await readPolicies(tx) : [];
  if (policies.length) records.branchPolicies = policies;
  else if (policiesChanged && afterSeq !== undefined) records.branchPolicies = [];
  return { records, seq };
}
