import type {
  Change,
  CheckResult,
  CostRow,
  Deployment,
  EpochMs,
  ExperimentResult,
  Incident,
  Vulnerability,
} from "../domain/records.ts";
import { changesTable } from "./changes.ts";
import { checksTable } from "./checks.ts";
import { costsTable } from "./costs.ts";
import { deploymentsTable } from "./deployments.ts";
import { experimentsTable } from "./experiments.ts";
import { incidentsTable } from "./incidents.ts";
import { loadWhere } from "./record-table.ts";
import type { SqlExecutor } from "./sql.ts";
import { vulnerabilitiesTable } from "./vulnerabilities.ts";

// The record loads of a bounded working set (docs/decisions/serving.md): ranges per
// service and look-ups by identity, each on an index of migration 10.

/** A place in a service's finish order: finishedAt, then id in byte order. */
export interface FinishPoint {
  at: EpochMs;
  id: string;
}

/** One service's deployments from `from` (inclusive) up to `to` (exclusive, or the end). */
export interface DeploymentRange {
  service: string;
  from: FinishPoint;
  to?: FinishPoint;
}

/** One service's changes merged, or incidents started, in [from, to). */
export interface TimeRange {
  service: string;
  from: EpochMs;
  to?: EpochMs;
}

/** An instant as PostgreSQL reads it, infinities included. */
export const sqlTime = (t: EpochMs): string =>
  t === Number.NEGATIVE_INFINITY
    ? "-infinity"
    : t === Number.POSITIVE_INFINITY
      ? "infinity"
      : new Date(t).toISOString();

/** `p` strictly before the point (at, id) in finish order. */
export const beforePoint = (p: string, at: string, id: string) =>
  `(${p}.finished_at < ${at} OR (${p}.finished_at = ${at} AND ${p}.id COLLATE "C" < ${id}))`;

export function deploymentsIn(db: SqlExecutor, ranges: readonly DeploymentRange[]) {
  if (!ranges.length) return Promise.resolve([] as Deployment[]);
  const end = { at: Number.POSITIVE_INFINITY, id: "" };
  return loadWhere(
    db,
    deploymentsTable,
    `(finished_at > r_from OR id COLLATE "C" >= r_from_id)
     AND NOT (finished_at > r_to OR (finished_at = r_to AND id COLLATE "C" >= r_to_id))`,
    [
      ranges.map((r) => r.service),
      ranges.map((r) => sqlTime(r.from.at)),
      ranges.map((r) => r.from.id),
      ranges.map((r) => sqlTime((r.to ?? end).at)),
      ranges.map((r) => (r.to ?? end).id),
    ],
    `unnest($1::text[], $2::timestamptz[], $3::text[], $4::timestamptz[], $5::text[])
       AS r(r_service, r_from, r_from_id, r_to, r_to_id)
     JOIN deployments ON service = r_service AND finished_at >= r_from AND finished_at <= r_to`,
  );
}

function timeRanges(ranges: readonly TimeRange[]) {
  return [
    ranges.map((r) => r.service),
    ranges.map((r) => sqlTime(r.from)),
    ranges.map((r) => sqlTime(r.to ?? Number.POSITIVE_INFINITY)),
  ];
}

const RANGES =
  "unnest($1::text[], $2::timestamptz[], $3::timestamptz[]) AS r(r_service, r_from, r_to)";

export function changesIn(db: SqlExecutor, ranges: readonly TimeRange[]): Promise<Change[]> {
  if (!ranges.length) return Promise.resolve([]);
  return loadWhere(
    db,
    changesTable,
    "merged_at < r_to",
    timeRanges(ranges),
    `${RANGES}
    JOIN changes ON service = r_service AND merged_at >= r_from`,
  );
}

export function incidentsIn(db: SqlExecutor, ranges: readonly TimeRange[]): Promise<Incident[]> {
  if (!ranges.length) return Promise.resolve([]);
  return loadWhere(
    db,
    incidentsTable,
    "started_at < r_to",
    timeRanges(ranges),
    `${RANGES}
    JOIN incidents ON service = r_service AND started_at >= r_from`,
  );
}

/** Incidents started from the horizon on, or not resolved before it. */
export function incidentsFrom(db: SqlExecutor, horizon: EpochMs): Promise<Incident[]> {
  const where = "started_at >= $1 OR resolved_at IS NULL OR resolved_at >= $1";
  return loadWhere(db, incidentsTable, where, [sqlTime(horizon)]);
}

export interface IncidentReferences {
  ids: readonly string[];
  deploymentIds: readonly string[];
  changeIds: readonly string[];
  /** Lower-case 7-character commit prefixes. */
  prefixes: readonly string[];
}

/** Incidents of these ids, or naming one of these deployments, changes or commit prefixes. */
export function incidentsReferring(db: SqlExecutor, refs: IncidentReferences) {
  const { ids, deploymentIds, changeIds, prefixes } = refs;
  if (!ids.length && !deploymentIds.length && !changeIds.length && !prefixes.length)
    return Promise.resolve([] as Incident[]);
  return loadWhere(
    db,
    incidentsTable,
    `id = ANY($1::text[]) OR deployment_id = ANY($2::text[]) OR change_id = ANY($3::text[])
     OR lower(left(commit_sha, 7)) = ANY($4::text[])`,
    [refs.ids, refs.deploymentIds, refs.changeIds, refs.prefixes],
  );
}

/** Findings that can be open or remediated at or after the horizon. */
export function vulnerabilitiesFrom(db: SqlExecutor, horizon: EpochMs): Promise<Vulnerability[]> {
  const where = `(fixed_at IS NULL OR fixed_at >= $1)
    AND NOT (fixed_at IS NULL AND coalesce(dismissed_at < $1, false))`;
  return loadWhere(db, vulnerabilitiesTable, where, [sqlTime(horizon)]);
}

/**
 * The first finding opened per service, whatever its age: every service with a finding by asOf has its
 * open and overdue series, at 0 when none is open (an old one only shows that it exists).
 */
export function vulnerabilityPerService(db: SqlExecutor): Promise<Vulnerability[]> {
  return loadWhere(
    db,
    vulnerabilitiesTable,
    `id IN (WITH RECURSIVE s(service, id) AS (
       (SELECT service, id FROM vulnerabilities ORDER BY service, opened_at, id LIMIT 1)
       UNION ALL
       SELECT n.service, n.id FROM s, LATERAL (SELECT service, id FROM vulnerabilities
         WHERE service > s.service ORDER BY service, opened_at, id LIMIT 1) n)
     SELECT id FROM s)`,
  );
}

export function costsFrom(db: SqlExecutor, horizon: EpochMs): Promise<CostRow[]> {
  return loadWhere(db, costsTable, "period_start >= $1", [sqlTime(horizon)]);
}

export function checksOf(db: SqlExecutor, shas: readonly string[]): Promise<CheckResult[]> {
  if (!shas.length) return Promise.resolve([]);
  return loadWhere(db, checksTable, "commit_sha = ANY($1::text[])", [shas]);
}

export function experimentsOf(db: SqlExecutor, changeIds: readonly string[]) {
  if (!changeIds.length) return Promise.resolve([] as ExperimentResult[]);
  return loadWhere(db, experimentsTable, "change_id = ANY($1::text[])", [changeIds]);
}
