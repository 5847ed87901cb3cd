import type { SqlConnection, SqlExecutor } from "./sql.ts";

// Replicas on PostgreSQL hear of each other's writes at once: a write transaction sends a
// notification naming its schema, delivered when (and only if) it commits, and a follower
// listening on its own connection reads the store's changes when one names its schema. The
// follower's short poll stays as the fallback for a lost listening connection.

const CHANNEL = "kpi_exporter_writes";

/**
 * Inside a write transaction: tells listeners of this schema once it commits. `writer`
 * names the store that wrote, so it does not follow its own write a second time.
 */
export async function announceWrite(tx: SqlExecutor, writer: string): Promise<void> {
  await tx.query("SELECT pg_notify($1, current_schema() || ' ' || $2)", [CHANNEL, writer]);
}

export interface WriteWatch {
  /** False once the listening connection failed: watch again, meanwhile the poll serves. */
  alive(): boolean;
  close(): Promise<void>;
}

/** Calls `onWrite` after every write another store commits to this store's schema. */
export async function watchWrites(
  db: SqlConnection,
  self: string,
  onWrite: () => void,
): Promise<WriteWatch> {
  if (!db.listen) throw new Error("this store has no other writer to watch");
  const [row] = await db.query<{ schema: string }>("SELECT current_schema() AS schema");
  const schema = row?.schema;
  return db.listen(CHANNEL, (payload) => {
    const [written, writer] = (payload ?? "").split(" ");
    if (written === schema && writer !== self) onWrite();
  });
}
