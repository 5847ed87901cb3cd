import { errorMessage } from "../domain/error-message.ts";
import { migrate } from "./migrations.ts";
import { openPglite } from "./pglite-connection.ts";
import { openPostgres, redactUrl } from "./postgres-connection.ts";
import { checkSchemaName, type SqlConnection } from "./sql.ts";
import { createSqlStore } from "./sql-store.ts";
import type { Store } from "./store.ts";

export interface OpenStoreOptions {
  /** PGlite data directory; created when missing. Ignored when databaseUrl is set. */
  dataDir?: string;
  /** postgres://… : use PostgreSQL instead of the embedded PGlite. */
  databaseUrl?: string;
  /** A schema to create and use instead of public (test isolation, shared databases). */
  schema?: string;
}

/**
 * Opens the store and brings its schema up to date: in-memory PGlite by default,
 * PGlite in dataDir, or PostgreSQL at databaseUrl (which wins when both are given,
 * as a server deployment sets DATABASE_URL on top of a default data directory).
 */
export async function openStore(options: OpenStoreOptions = {}): Promise<Store> {
  const schema = options.schema === undefined ? undefined : checkSchemaName(options.schema);
  const where = options.databaseUrl
    ? `PostgreSQL at ${redactUrl(options.databaseUrl)}`
    : `PGlite ${options.dataDir ? `in ${options.dataDir}` : "in memory"}`;
  let db: SqlConnection | undefined;
  try {
    if (options.databaseUrl) {
      db = openPostgres(options.databaseUrl, schema);
      // The pool's search_path names the schema; it must exist before tables land in it.
      if (schema !== undefined) await db.exec(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    } else {
      db = await openPglite(options.dataDir, schema);
    }
    await migrate(db);
    return createSqlStore(db);
  } catch (error) {
    await db?.close().catch(() => {});
    throw new Error(`open store (${where}): ${errorMessage(error)}`, { cause: error });
  }
}
