import type { SqlExecutor } from "./sql.ts";

// Conditional-request validators with the body they validate. A 304 costs no API quota,
// and answering it from here lets a collector treat it exactly like the original 200.

export interface CachedResponse {
  etag: string;
  body: string;
  /** The Link header of a list page: pagination must continue from a cached page too. */
  link?: string;
}

export interface HttpCache {
  get(key: string): Promise<CachedResponse | undefined>;
  put(key: string, entry: CachedResponse): Promise<void>;
}

export function sqlHttpCache(db: SqlExecutor): HttpCache {
  return {
    async get(key) {
      const rows = await db.query<{ etag: string; body: string; link: string | null }>(
        "SELECT etag, body, link FROM http_cache WHERE key = $1",
        [key],
      );
      const row = rows[0];
      if (!row) return undefined;
      return { etag: row.etag, body: row.body, ...(row.link !== null && { link: row.link }) };
    },
    async put(key, entry) {
      await db.query(
        `INSERT INTO http_cache (key, etag, body, link) VALUES ($1, $2, $3, $4)
         ON CONFLICT (key) DO UPDATE SET etag = excluded.etag, body = excluded.body,
           link = excluded.link, updated_at = now()`,
        [key, entry.etag, entry.body, entry.link ?? null],
      );
    },
  };
}

/**
 * Deliveries applied, for webhook deduplication across restarts and replicas. A delivery
 * is remembered only once applied: a process killed while applying it leaves nothing that
 * would turn GitHub's redelivery away as a duplicate.
 */
export function sqlDeliveryLog(db: SqlExecutor) {
  return {
    async applied(id: string): Promise<boolean> {
      const rows = await db.query("SELECT 1 FROM webhook_deliveries WHERE id = $1", [id]);
      return rows.length > 0;
    },
    async remember(id: string): Promise<void> {
      await db.query(
        "INSERT INTO webhook_deliveries (id) VALUES ($1) ON CONFLICT (id) DO NOTHING",
        [id],
      );
    },
  };
}
