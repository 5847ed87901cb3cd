import type { EpochMs } from "../domain/records.ts";
import { beforePoint, type FinishPoint, sqlTime } from "./horizon-ranges.ts";
import type { SqlExecutor } from "./sql.ts";

// The questions a bounded working set asks of the history behind it (docs/decisions/serving.md):
// where a service's analysis can safely start, and whether anything before
// that start still decides something inside. Production means a successful deployment to
// one of `environments` (the config's production names among those stored).

const MS = (column: string) => `(extract(epoch from ${column}) * 1000)::float8`;
const PRODUCTION = (p: string, environments: string) =>
  `${p}.status = 'success' AND ${p}.environment = ANY(${environments}::text[])`;

/** A production deployment that may start a service's working set. */
export interface AnchorCandidate {
  service: string;
  id: string;
  finishedAt: EpochMs;
  /** It carries no list of changes (merge order decides what it ships). */
  mergeOrder: boolean;
  commitSha: string;
  /** Marked as a rollback of something. */
  marked: boolean;
  /** The source says its commit is a strict ancestor of the previous deployment's. */
  ancestorOfPrevious: boolean;
  /** An earlier production deployment of the service deployed the same commit. */
  redeploys: boolean;
  /** A production deployment without a list finishes after it. */
  mergeOrderAfter: boolean;
}

/** Up to `k` production deployments per service before its horizon, latest first. */
export async function anchorCandidates(
  db: SqlExecutor,
  environments: readonly string[],
  horizons: ReadonlyArray<{ service: string; before: EpochMs }>,
  k: number,
): Promise<AnchorCandidate[]> {
  if (!horizons.length) return [];
  const rows = await db.query<Record<string, unknown>>(
    `SELECT d.service, d.id, ${MS("d.finished_at")} AS finished_at, d.changes IS NULL AS merge_order,
       d.commit_sha, d.rollback_of IS NOT NULL AS marked,
       coalesce(d.ancestor_of_previous, false) AS ancestor_of_previous, EXISTS (
         SELECT 1 FROM deployments p WHERE p.service = d.service AND p.commit_sha = d.commit_sha
           AND ${PRODUCTION("p", "$3")} AND ${beforePoint("p", "d.finished_at", "d.id")}
       ) AS redeploys,
       EXISTS (
         SELECT 1 FROM deployments m WHERE m.service = d.service AND m.changes IS NULL
           AND m.finished_at >= d.finished_at AND m.id <> d.id AND ${PRODUCTION("m", "$3")}
       ) AS merge_order_after
     FROM unnest($1::text[], $2::timestamptz[]) AS h(h_service, h_before)
     CROSS JOIN LATERAL (
       SELECT * FROM deployments x WHERE x.service = h_service AND x.finished_at < h_before
         AND ${PRODUCTION("x", "$3")}
       ORDER BY x.finished_at DESC, x.id COLLATE "C" DESC LIMIT $4
     ) d`,
    [horizons.map((h) => h.service), horizons.map((h) => sqlTime(h.before)), environments, k],
  );
  return rows.map((r) => ({
    service: r.service as string,
    id: r.id as string,
    finishedAt: r.finished_at as number,
    mergeOrder: r.merge_order as boolean,
    commitSha: r.commit_sha as string,
    marked: r.marked as boolean,
    ancestorOfPrevious: r.ancestor_of_previous as boolean,
    redeploys: r.redeploys as boolean,
    mergeOrderAfter: r.merge_order_after as boolean,
  }));
}

export interface CommitQuestion {
  service: string;
  sha: string;
  before: FinishPoint;
}

/** Which of these commits a production deployment of the service deployed before the point. */
export async function deployedBefore(
  db: SqlExecutor,
  environments: readonly string[],
  questions: readonly CommitQuestion[],
): Promise<Array<{ service: string; sha: string }>> {
  if (!questions.length) return [];
  return db.query<{ service: string; sha: string }>(
    `SELECT DISTINCT q_service AS service, q_sha AS sha
     FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::text[]) AS q(q_service, q_sha, q_at, q_id)
     WHERE EXISTS (SELECT 1 FROM deployments p WHERE p.service = q_service AND p.commit_sha = q_sha
       AND ${PRODUCTION("p", "$5")} AND ${beforePoint("p", "q_at", "q_id")})`,
    [
      questions.map((q) => q.service),
      questions.map((q) => q.sha),
      questions.map((q) => sqlTime(q.before.at)),
      questions.map((q) => q.before.id),
      environments,
    ],
  );
}

/** The earliest production deployment of the service before the point listing any of the ids. */
export async function earliestListerBefore(
  db: SqlExecutor,
  environments: readonly string[],
  service: string,
  changeIds: readonly string[],
  before: FinishPoint,
): Promise<EpochMs | undefined> {
  if (!changeIds.length) return undefined;
  const [row] = await db.query<{ at: number | null }>(
    `SELECT ${MS("min(p.finished_at)")} AS at FROM deployments p
     WHERE p.changes ?| $1::text[] AND p.service = $2 AND ${PRODUCTION("p", "$3")}
       AND ${beforePoint("p", "$4::timestamptz", "$5")}`,
    [changeIds, service, environments, sqlTime(before.at), before.id],
  );
  return row?.at ?? undefined;
}

/** A deployment as the reach-back questions need it. */
export interface DeploymentRef {
  id: string;
  service: string;
  finishedAt: EpochMs;
  production: boolean;
}

/**
 * Deployments of these ids, whose commit starts with one of these lower-case prefixes, or
 * marking one of `marked` as rolled back.
 */
export async function deploymentRefs(
  db: SqlExecutor,
  environments: readonly string[],
  ids: readonly string[],
  prefixes: readonly string[],
  marked: readonly string[] = [],
): Promise<DeploymentRef[]> {
  if (!ids.length && !prefixes.length && !marked.length) return [];
  const rows = await db.query<Record<string, unknown>>(
    `SELECT d.id, d.service, ${MS("d.finished_at")} AS finished_at, ${PRODUCTION("d", "$3")} AS production
     FROM deployments d WHERE d.id = ANY($1::text[]) OR lower(left(d.commit_sha, 7)) = ANY($2::text[])
       OR d.rollback_of = ANY($4::text[])`,
    [ids, prefixes, environments, marked],
  );
  return rows.map((r) => ({
    id: r.id as string,
    service: r.service as string,
    finishedAt: r.finished_at as number,
    production: r.production as boolean,
  }));
}

/** Changes of these ids: where each belongs and when it merged. */
export function changeRefs(db: SqlExecutor, ids: readonly string[]) {
  if (!ids.length) return Promise.resolve([]);
  return db.query<{ id: string; service: string; merged_at: number }>(
    `SELECT id, service, ${MS("merged_at")} AS merged_at FROM changes WHERE id = ANY($1::text[])`,
    [ids],
  );
}

/** Successful deployments per service and environment before each service's start point. */
export async function successesBefore(
  db: SqlExecutor,
  starts: ReadonlyArray<{ service: string; from: FinishPoint }>,
): Promise<Array<{ service: string; environment: string; n: number }>> {
  if (!starts.length) return [];
  return db.query(
    `SELECT q_service AS service, d.environment, count(*)::integer AS n
     FROM unnest($1::text[], $2::timestamptz[], $3::text[]) AS q(q_service, q_at, q_id)
     JOIN deployments d ON d.service = q_service AND d.finished_at <= q_at
     WHERE d.status = 'success' AND ${beforePoint("d", "q_at", "q_id")}
     GROUP BY 1, 2`,
    [
      starts.map((s) => s.service),
      starts.map((s) => sqlTime(s.from.at)),
      starts.map((s) => s.from.id),
    ],
  );
}

/** Distinct values of an indexed column, by skipping along its index. */
async function distinct(db: SqlExecutor, table: string, column: string): Promise<string[]> {
  const rows = await db.query<{ value: string }>(
    `WITH RECURSIVE v(value) AS (
      (SELECT ${column} FROM ${table} ORDER BY ${column} LIMIT 1)
      UNION ALL
      SELECT (SELECT ${column} FROM ${table} WHERE ${column} > v.value ORDER BY ${column} LIMIT 1)
      FROM v WHERE v.value IS NOT NULL)
    SELECT value FROM v WHERE value IS NOT NULL`,
  );
  return rows.map((r) => r.value);
}

/** Every service with a deployment or a change. */
export async function storedServices(db: SqlExecutor): Promise<string[]> {
  const services = new Set(await distinct(db, "deployments", "service"));
  for (const service of await distinct(db, "changes", "service")) services.add(service);
  return [...services];
}

export const storedEnvironments = (db: SqlExecutor) => distinct(db, "deployments", "environment");

/** Which of these deployments were stored at write sequence number `seq` already. */
export async function deploymentsStoredAt(
  db: SqlExecutor,
  ids: readonly string[],
  seq: number,
): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await db.query<{ id: string }>(
    "SELECT id FROM deployments WHERE id = ANY($1::text[]) AND (first_seq IS NULL OR first_seq <= $2)",
    [ids, seq],
  );
  return new Set(rows.map((r) => r.id));
}
