// The little SQL surface both backends share. Everything above this line of code is
// backend-agnostic, so PGlite and PostgreSQL run byte-for-byte the same statements.

export type SqlRow = Record<string, unknown>;

export interface SqlExecutor {
  /** One statement, with $1.. parameters (extended protocol). */
  query<T extends SqlRow = SqlRow>(sql: string, params?: unknown[]): Promise<T[]>;
  /** A script of several statements, no parameters (simple protocol). */
  exec(sql: string): Promise<void>;
}

/** A connection of its own, outside any pool: session state (advisory locks) lives on it. */
export interface SqlSession extends SqlExecutor {
  /** True until the connection failed or was closed. */
  alive(): boolean;
  close(): Promise<void>;
}

export interface SqlConnection extends SqlExecutor {
  readonly backend: "pglite" | "postgres";
  /** A dedicated session (PostgreSQL); the embedded store is one session already. */
  session?(): Promise<SqlSession>;
  /**
   * Listens on a channel on a connection of its own (PostgreSQL): `onPayload` gets each
   * notification's payload until the connection fails or is closed.
   */
  listen?(
    channel: string,
    onPayload: (payload: string | undefined) => void,
  ): Promise<{ alive(): boolean; close(): Promise<void> }>;
  /** Runs fn inside BEGIN/COMMIT; any throw rolls back and is rethrown. */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/**
 * Schema names end up inside a connection option string and DDL, where quoting rules
 * differ; accepting only plain lower-case identifiers keeps both safe.
 */
export function checkSchemaName(schema: string): string {
  if (!IDENTIFIER.test(schema) || schema.length > 63)
    throw new Error(`invalid schema name ${JSON.stringify(schema)}: use [a-z_][a-z0-9_]*`);
  return schema;
}
