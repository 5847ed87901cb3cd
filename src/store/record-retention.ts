import type { RecordKind } from "../domain/records.ts";
import type { SqlConnection } from "./sql.ts";

// Records past retention (decision 156): each kind is dated by the instant it was over —
// a deployment finished, a change merged, an incident resolved, a check completed, a
// finding fixed or dismissed, a cost period ended — and one still open is never past it.
// An experiment goes with the change it measured.

const PAST: Record<Exclude<RecordKind, "experiment">, string> = {
  deployment: "DELETE FROM deployments WHERE finished_at < $1",
  change: "DELETE FROM changes WHERE merged_at < $1",
  incident: "DELETE FROM incidents WHERE resolved_at < $1",
  check: "DELETE FROM checks WHERE completed_at < $1",
  vulnerability: "DELETE FROM vulnerabilities WHERE greatest(fixed_at, dismissed_at) < $1",
  cost: "DELETE FROM costs WHERE period_end < $1",
};

const EXPERIMENTS = `DELETE FROM experiments
  WHERE change_id IN (SELECT id FROM changes WHERE merged_at < $1)`;

/** Deletes, in one transaction, every record over before `before`; counts by kind. */
export function pruneRecords(
  db: SqlConnection,
  before: number,
): Promise<Record<RecordKind, number>> {
  const at = new Date(before).toISOString();
  return db.transaction(async (tx) => {
    const counted = async (sql: string) => {
      const [row] = await tx.query<{ n: number }>(
        `WITH gone AS (${sql} RETURNING 1) SELECT count(*)::int AS n FROM gone`,
        [at],
      );
      return row?.n ?? 0;
    };
    // Experiments first: they are found through the changes about to go.
    const experiment = await counted(EXPERIMENTS);
    const counts = { experiment } as Record<RecordKind, number>;
    for (const [kind, sql] of Object.entries(PAST)) counts[kind as RecordKind] = await counted(sql);
    return counts;
  });
}
