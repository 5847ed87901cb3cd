import type { SqlConnection, SqlSession } from "./sql.ts";

// Which of several serving processes on one PostgreSQL database runs the collectors and
// appends the evidence ledger: the one holding a session advisory lock. The database
// releases it when that session ends, however its process died (kill -9 included), so
// the next replica to ask takes over. An embedded store has one process: it always leads.

/** Arbitrary but fixed; the second key is the schema, so stores in one database are apart. */
const LEADER_LOCK = 7_260_117;

export interface Leadership {
  /** Takes the lead if free, keeps it if held; false when another process leads. */
  tryLead(): Promise<boolean>;
  /** Gives the lead up (shutdown), so another replica need not wait for a timeout. */
  resign(): Promise<void>;
}

export function sqlLeadership(db: SqlConnection): Leadership {
  const open = db.session?.bind(db);
  if (open === undefined) return { tryLead: async () => true, resign: async () => {} };
  let session: SqlSession | undefined;
  const drop = async () => {
    const old = session;
    session = undefined;
    await old?.close().catch(() => {});
  };
  return {
    async tryLead() {
      try {
        if (session && !session.alive()) await drop();
        session ??= await open();
        // Held already: pg_try_advisory_lock succeeds again (and counts once more, which
        // resign's session end undoes whole).
        const [row] = await session.query<{ ok: boolean }>(
          "SELECT pg_try_advisory_lock($1, hashtext(current_schema())) AS ok",
          [LEADER_LOCK],
        );
        return row?.ok === true;
      } catch {
        // A session that failed mid-question may have lost the lock with it.
        await drop();
        return false;
      }
    },
    resign: drop,
  };
}
