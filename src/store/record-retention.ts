import type { RecordKind } from "../domain/records.ts";
import type { SqlConnection } from "./sql.ts";

// Records past retention (decision 156): each kind is dated by the instant it was over —
// a deployment finished, a change merged, an incident resolved, a check completed, a
// finding fixed or dismissed, a cost period ended — and one still open is never past it.
// What a kept deployment's evidence rests on stays, however old: the last earlier
// deployment of its service and environment (its predecessor for merge order and
// ancestry), the changes merged after that one or listed by a kept deployment, and the
// checks on a kept deployment's commit. An experiment goes with the change it measured.

/** Per service, the earliest of each environment's last deployment before the horizon. */
const ANCHOR = `(SELECT min(last) FROM (
    SELECT max(a.finished_at) AS last FROM deployments a
     WHERE a.service = c.service AND a.finished_at < $1 GROUP BY a.environment) anchors)`;

const PAST_CHANGES = `SELECT c.id FROM changes c
  WHERE c.merged_at < $1 AND c.merged_at < coalesce(${ANCHOR}, $1)
    AND NOT EXISTS (SELECT 1 FROM deployments d
                     WHERE d.finished_at >= $1 AND d.changes ? c.id)`;

const PAST: Record<Exclude<RecordKind, "experiment">, string> = {
  deployment: `DELETE FROM deployments d WHERE d.finished_at < $1 AND EXISTS (
    SELECT 1 FROM deployments n WHERE n.service = d.service AND n.environment = d.environment
       AND n.finished_at > d.finished_at AND n.finished_at < $1)`,
  change: `DELETE FROM changes WHERE id IN (${PAST_CHANGES})`,
  incident: "DELETE FROM incidents WHERE resolved_at < $1",
  check: `DELETE FROM checks k WHERE k.completed_at < $1 AND NOT EXISTS (
    SELECT 1 FROM deployments d WHERE d.commit_sha = k.commit_sha AND d.finished_at >= $1)`,
  vulnerability: "DELETE FROM vulnerabilities WHERE greatest(fixed_at, dismissed_at) < $1",
  cost: "DELETE FROM costs WHERE period_end < $1",
};

const EXPERIMENTS = `DELETE FROM experiments WHERE change_id IN (${PAST_CHANGES})`;

/**
 * Deletes, in one transaction, every record past the horizon `before`, and notes the
 * horizon: the evidence of deployments over before it is frozen from then on (no record
 * appended, none asked for). Counts by kind.
 */
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
    // Experiments first: they are found through the changes about to go, and changes
    // before deployments, whose anchors they are measured against.
    const experiment = await counted(EXPERIMENTS);
    const change = await counted(PAST.change);
    const counts = { experiment, change } as Record<RecordKind, number>;
    for (const [kind, sql] of Object.entries(PAST))
      if (kind !== "change") counts[kind as RecordKind] = await counted(sql);
    await tx.query(
      "UPDATE evidence_base SET pruned_before = greatest(pruned_before, $1::timestamptz)",
      [at],
    );
    return counts;
  });
}
