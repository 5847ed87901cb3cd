import type { BranchPolicy } from "../domain/records.ts";
import type { SqlExecutor } from "./sql.ts";
import { NEXT_WRITE_SEQ } from "./write-sequence.ts";

// What collectors keep between runs besides records: cursors (how far each resource of
// each repository is synced), conditional-request validators, webhook deliveries already
// applied, and the branch policies a source discovered. Cursors and policies are written
// in the transaction that stores the records they cover, so a crash never advances a
// cursor past data that was not stored.

export const SYNC_STATE_DDL = `
  CREATE TABLE sync_cursors (
    source     text NOT NULL,
    key        text NOT NULL,
    value      jsonb NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (source, key)
  );
  CREATE TABLE http_cache (
    key        text PRIMARY KEY,
    etag       text NOT NULL,
    body       text NOT NULL,
    link       text,
    updated_at timestamptz NOT NULL DEFAULT now()
  );
  CREATE TABLE webhook_deliveries (
    id          text PRIMARY KEY,
    received_at timestamptz NOT NULL DEFAULT now()
  );
  CREATE TABLE branch_policies (
    service         text NOT NULL,
    repository      text NOT NULL,
    branch          text NOT NULL,
    required_checks jsonb NOT NULL,
    updated_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (service, repository)
  );`;

export interface CursorWrite {
  source: string;
  key: string;
  value: unknown;
}

export async function writeCursors(tx: SqlExecutor, cursors: readonly CursorWrite[]) {
  for (const c of cursors)
    await tx.query(
      `INSERT INTO sync_cursors (source, key, value) VALUES ($1, $2, $3::jsonb)
       ON CONFLICT (source, key) DO UPDATE SET value = excluded.value, updated_at = now()`,
      [c.source, c.key, JSON.stringify(c.value)],
    );
}

export async function readCursors(db: SqlExecutor, source: string): Promise<Map<string, unknown>> {
  const rows = await db.query<{ key: string; value: unknown }>(
    "SELECT key, value FROM sync_cursors WHERE source = $1",
    [source],
  );
  return new Map(rows.map((row) => [row.key, row.value]));
}

export async function writePolicies(tx: SqlExecutor, policies: readonly BranchPolicy[]) {
  for (const p of policies)
    await tx.query(
      `INSERT INTO branch_policies (service, repository, branch, required_checks)
       VALUES ($1, $2, $3, $4::jsonb)
       ON CONFLICT (service, repository) DO UPDATE SET branch = excluded.branch,
         required_checks = excluded.required_checks, updated_at = now(), ${NEXT_WRITE_SEQ}`,
      [p.service, p.repository, p.branch, JSON.stringify(p.requiredChecks)],
    );
}

export async function readPolicies(db: SqlExecutor): Promise<BranchPolicy[]> {
  const rows = await db.query<{
    service: string;
    repository: string;
    branch: string;
    required_checks: string[];
  }>("SELECT * FROM branch_policies ORDER BY service, repository");
  return rows.map((r) => ({
    service: r.service,
    repository: r.repository,
    branch: r.branch,
    requiredChecks: r.required_checks,
  }));
}
