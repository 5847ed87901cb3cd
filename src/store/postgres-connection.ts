import pg from "pg";
import type { SqlConnection, SqlExecutor, SqlRow } from "./sql.ts";

// PostgreSQL through a pg Pool. A transaction needs one client for its whole life,
// so transaction() checks one out; single statements go through the pool.

interface Queryable {
  query(sql: string, params?: unknown[]): Promise<{ rows: unknown[] }>;
}

function executor(target: Queryable): SqlExecutor {
  return {
    async query<T extends SqlRow>(sql: string, params?: unknown[]): Promise<T[]> {
      return (await target.query(sql, params)).rows as T[];
    },
    async exec(sql: string): Promise<void> {
      // Without parameters pg uses the simple protocol, which accepts several statements.
      await target.query(sql);
    },
  };
}

/** The URL with its password masked, for error messages and logs. */
export function redactUrl(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    if (url.password) url.password = "***";
    // libpq also takes a password as a query parameter (password=, sslpassword=).
    for (const key of [...url.searchParams.keys()])
      if (/password/i.test(key)) url.searchParams.set(key, "***");
    return url.toString();
  } catch {
    return "(unparseable database URL)";
  }
}

export function openPostgres(databaseUrl: string, schema?: string): SqlConnection {
  const settings = {
    connectionString: databaseUrl,
    // Set at connection start, so every pooled client sees the same schema without a race.
    options: schema === undefined ? undefined : `-c search_path=${schema}`,
  };
  const pool = new pg.Pool(settings);
  // An idle client dropped by the server emits here; unhandled it would crash the
  // process. The next query on the pool reports the real problem instead.
  pool.on("error", () => {});
  const direct = executor(pool);
  return {
    backend: "postgres",
    query: direct.query,
    exec: direct.exec,
    async transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        const result = await fn(executor(client));
        await client.query("COMMIT");
        client.release();
        return result;
      } catch (error) {
        try {
          await client.query("ROLLBACK");
          client.release();
        } catch (rollbackError) {
          // The connection is unusable; destroy it rather than return it to the pool.
          client.release(rollbackError as Error);
        }
        throw error;
      }
    },
    async listen(channel, onPayload) {
      const session = await dedicated();
      session.client.on("notification", (message) => onPayload(message.payload));
      await session.client.query(`LISTEN ${channel}`);
      return session;
    },
    session: async () => {
      const { client: _, ...session } = await dedicated();
      return session;
    },
    close: () => pool.end(),
  };

  /** A client outside the pool, for session state: advisory locks, LISTEN. */
  async function dedicated() {
    const client = new pg.Client(settings);
    let alive = true;
    // A dropped connection is reported by alive(), not by crashing the process.
    client.on("error", () => {
      alive = false;
    });
    client.on("end", () => {
      alive = false;
    });
    await client.connect();
    return {
      client,
      ...executor(client),
      alive: () => alive,
      close: async () => {
        alive = false;
        await client.end();
      },
    };
  }
}
