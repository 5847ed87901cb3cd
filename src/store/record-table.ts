import type { RecordKind } from "../domain/records.ts";
import type { SqlExecutor, SqlRow } from "./sql.ts";
import { NEXT_SEQ, NEXT_WRITE_SEQ } from "./write-sequence.ts";

// What a record kind's module declares (its table and the column ↔ field mapping),
// and the statements derived from that declaration. Deriving them keeps seven tables
// from drifting apart in how they upsert, compare and load.

export type ColumnType = "text" | "timestamptz" | "float8" | "jsonb" | "boolean";

export interface Column<R> {
  name: string;
  field: keyof R & string;
  type: ColumnType;
  /** Stored in place of an absent optional field, when the column is part of a key. */
  absentAs?: string;
}

export interface RecordTable<R> {
  kind: RecordKind;
  table: string;
  /** The version-1 CREATE TABLE; later changes are new migrations, never edits here. */
  ddl: string;
  columns: readonly Column<R>[];
  /** Source identity: the primary key columns. */
  key: readonly string[];
}

/** Rows per statement: large enough to amortise a round trip, small enough for memory. */
const CHUNK_ROWS = 5_000;

function toRow<R>(table: RecordTable<R>, record: R): SqlRow {
  const row: SqlRow = {};
  for (const column of table.columns) {
    const value = (record[column.field] as unknown) ?? column.absentAs;
    if (value === undefined || value === null) continue;
    // ISO text, not a float of seconds: PostgreSQL parses it exactly to the millisecond.
    row[column.name] =
      column.type === "timestamptz" ? new Date(value as number).toISOString() : value;
  }
  return row;
}

/** Text values up to this length are shared between the rows of one read. */
const SHARED_TEXT_MAX = 64;

/**
 * A record from a row. Short text other than the id (services, environments, statuses,
 * check names, commits that ten checks name) repeats across rows: each read keeps one
 * string per value (`shared`), which at a million rows is hundreds of MB less to hold.
 */
function fromRow<R>(table: RecordTable<R>, row: SqlRow, shared: Map<string, string>): R {
  const record: Record<string, unknown> = {};
  for (const column of table.columns) {
    const value = row[column.name];
    if (value === null || value === undefined || value === column.absentAs) continue;
    record[column.field] =
      column.name === "id"
        ? value
        : column.type === "jsonb"
          ? shareIn(value, shared, 2)
          : share(value, shared);
  }
  return record as R;
}

function share(value: unknown, shared: Map<string, string>): unknown {
  if (typeof value !== "string" || value.length > SHARED_TEXT_MAX) return value;
  const known = shared.get(value);
  if (known !== undefined) return known;
  shared.set(value, value);
  return value;
}

/** The same inside parsed JSON (labels, commits, linked items, tags), `depth` levels down. */
function shareIn(value: unknown, shared: Map<string, string>, depth: number): unknown {
  if (typeof value !== "object" || value === null) return share(value, shared);
  if (depth === 0) return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = shareIn(value[i], shared, depth - 1);
    return value;
  }
  const object = value as Record<string, unknown>;
  for (const key of Object.keys(object)) object[key] = shareIn(object[key], shared, depth - 1);
  return value;
}

function upsertSql<R>(table: RecordTable<R>): string {
  const names = table.columns.map((c) => c.name);
  const definitions = table.columns.map((c) => `${c.name} ${c.type}`).join(", ");
  const values = names.filter((name) => !table.key.includes(name));
  const conflict = `ON CONFLICT (${table.key.join(", ")})`;
  const update = values.length
    ? `${conflict} DO UPDATE SET ${values.map((n) => `${n} = excluded.${n}`).join(", ")}, updated_at = now(),
         ${NEXT_WRITE_SEQ}
       WHERE ROW(${values.map((n) => `${table.table}.${n}`).join(", ")})
             IS DISTINCT FROM ROW(${values.map((n) => `excluded.${n}`).join(", ")})`
    : `${conflict} DO NOTHING`;
  // An insert takes one sequence number as both its write and its first write (migration 10).
  return `INSERT INTO ${table.table} (${names.join(", ")}, write_seq, first_seq)
    SELECT ${names.join(", ")}, seq, seq FROM (
      SELECT *, ${NEXT_SEQ} AS seq FROM jsonb_to_recordset($1::jsonb) AS r(${definitions})
    ) AS rows
    ${update}
    RETURNING 1 AS written`;
}

/** A record's source identity as one string: its primary key values, absent ones as stored. */
export function identityOf<R>(table: RecordTable<R>, record: R): string {
  const keyColumns = table.columns.filter((c) => table.key.includes(c.name));
  return JSON.stringify(keyColumns.map((c) => (record[c.field] as unknown) ?? c.absentAs ?? null));
}

/**
 * Upserts records; returns how many rows were inserted or changed. Duplicate
 * identities within the call keep the last one, as ON CONFLICT cannot touch a row twice.
 */
export async function upsertRecords<R>(
  tx: SqlExecutor,
  table: RecordTable<R>,
  records: readonly R[],
): Promise<number> {
  // Rows are built one chunk at a time: a large import (a FOCUS month) would otherwise
  // hold every row's text at once, next to the records it came from.
  const byIdentity = new Map<string, R>();
  for (const record of records) byIdentity.set(identityOf(table, record), record);
  const unique = [...byIdentity.values()];
  byIdentity.clear();
  const sql = upsertSql(table);
  let written = 0;
  for (let start = 0; start < unique.length; start += CHUNK_ROWS) {
    const chunk = unique.slice(start, start + CHUNK_ROWS).map((record) => toRow(table, record));
    written += (await tx.query(sql, [JSON.stringify(chunk)])).length;
  }
  return written;
}

function selectExpression(column: Column<unknown>): string {
  // numeric epoch × 1000 is exact; float8 comes back as a JS number from both drivers.
  if (column.type === "timestamptz")
    return `(extract(epoch from ${column.name}) * 1000)::float8 AS ${column.name}`;
  return column.name;
}

/**
 * Every row, or with `after` only the rows written after that write sequence number and up
 * to `upTo` (the reader's own, so nothing it cannot see is excluded).
 */
export function loadRecords<R>(
  db: SqlExecutor,
  table: RecordTable<R>,
  after?: { seq: number; upTo: number },
): Promise<R[]> {
  // Both bounds: a range lets the planner take the index even before statistics know how
  // many rows a bulk import added; "> n" alone is guessed at a third of the table.
  return after === undefined
    ? loadWhere(db, table, "TRUE")
    : loadWhere(db, table, "write_seq > $1 AND write_seq <= $2", [after.seq, after.upTo]);
}

/**
 * The rows matching a condition over the table's columns, in identity order. Only inside a
 * transaction (every caller reads one consistent view): the rows come through a cursor.
 */
export async function loadWhere<R>(
  db: SqlExecutor,
  table: RecordTable<R>,
  where: string,
  params?: unknown[],
  /** The FROM clause, when the table is joined to parameter lists (their columns prefixed). */
  from: string = table.table,
): Promise<R[]> {
  const columns = table.columns as readonly Column<unknown>[];
  // Byte order ("C") for text keys: the same order whatever the database's locale.
  const order = table.key.map((name) => {
    const text = columns.find((c) => c.name === name)?.type === "text";
    return text ? `${name} COLLATE "C"` : name;
  });
  const sql = `SELECT ${columns.map(selectExpression).join(", ")} FROM ${from}
    WHERE ${where} ORDER BY ${order.join(", ")}`;
  const shared = new Map<string, string>();
  // Through a cursor, FETCH_ROWS at a time: PGlite runs each statement on the event loop,
  // so one statement returning a million rows held every scrape for seconds, and either
  // driver held every row of it at once next to the records built from them.
  const cursor = `kpi_rows_${++cursors}`;
  await db.query(`DECLARE ${cursor} NO SCROLL CURSOR FOR ${sql}`, params);
  const records: R[] = [];
  for (;;) {
    const rows = await db.query(`FETCH ${FETCH_ROWS} FROM ${cursor}`);
    for (const row of rows) records.push(fromRow(table, row, shared));
    if (rows.length < FETCH_ROWS) break;
  }
  // Left open on an error: the transaction's end closes it, and a CLOSE in an aborted
  // transaction would only hide the error.
  await db.query(`CLOSE ${cursor}`);
  return records;
}

/** Rows per FETCH: tens of milliseconds of PGlite's time, a few MB of rows in flight. */
const FETCH_ROWS = 10_000;
/** Names the cursors of one process apart; every read runs in a transaction of its own. */
let cursors = 0;
