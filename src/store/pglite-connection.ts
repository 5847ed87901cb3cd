import { mkdir } from "node:fs/promises";
import { PGlite, type Transaction } from "@electric-sql/pglite";
import type { SqlConnection, SqlExecutor, SqlRow } from "./sql.ts";

// PGlite is one embedded PostgreSQL session: no pool, and its own mutex already
// serialises transactions, so the adapter only translates result shapes.

/**
 * PGlite runs each statement on this thread and settles its promise without passing
 * through the event loop: a read of a large store, query after query, would hold every
 * scrape until its end. Each statement first lets waiting I/O (a scrape) be served. (The
 * engine's steps.ts has the same pause; the store does not depend on the engine.)
 */
const handBack = () => new Promise<void>((resolve) => setImmediate(resolve));

function executor(db: PGlite | Transaction): SqlExecutor {
  return {
    async query<T extends SqlRow>(sql: string, params?: unknown[]): Promise<T[]> {
      await handBack();
      return (await db.query<T>(sql, params)).rows;
    },
    async exec(sql: string): Promise<void> {
      await handBack();
      await db.exec(sql);
    },
  };
}

// PostgreSQL's default 128 MB of shared buffers lives in PGlite's WebAssembly memory,
// which never shrinks: a store that rarely holds more than a few hundred megabytes
// reads through the operating system's page cache just as well with far fewer, and the
// exporter's resident memory stays small (docs/decisions/serving.md).
const SETTINGS = ["-c", `shared_buffers=16MB`];

/** In memory without dataDir; otherwise persisted in dataDir (created when missing). */
export async function openPglite(dataDir?: string, schema?: string): Promise<SqlConnection> {
  if (dataDir !== undefined) await mkdir(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir, {
    startParams: [...PGlite.defaultStartParams, ...SETTINGS],
  });
  // A session setting: it holds for every later statement of this single session.
  if (schema !== undefined)
    await db.exec(`CREATE SCHEMA IF NOT EXISTS ${schema}; SET search_path TO ${schema};`);
  const session = executor(db);
  return {
    backend: "pglite",
    query: session.query,
    exec: session.exec,
    transaction: (fn) => db.transaction((tx) => fn(executor(tx))),
    close: () => db.close(),
  };
}
