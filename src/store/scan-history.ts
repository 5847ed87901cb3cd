import type { EpochMs, Severity } from "../domain/records.ts";
import type { SqlExecutor } from "./sql.ts";

// Scanner reports carry no fix date: a finding is fixed by the first later scan that no
// longer lists it. Deriving that needs every scan of an artifact, in any import order, so
// each imported scan is kept here. Consecutive scans mostly list the same findings, so a
// scan row points at its finding set by digest and identical sets are stored once.

export const SCAN_HISTORY_DDL = `
  CREATE TABLE scan_finding_sets (
    digest   text PRIMARY KEY,
    findings jsonb NOT NULL
  );
  CREATE TABLE scans (
    service     text NOT NULL,
    series      text NOT NULL,
    id          text NOT NULL,
    scanned_at  timestamptz NOT NULL,
    finding_set text NOT NULL REFERENCES scan_finding_sets (digest),
    source      text NOT NULL,
    imported_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (service, series, id)
  );`;

/** One finding as one scan reported it. */
export interface ScanFinding {
  /** Stable identity across scans of the same series (docs/decisions/sources.md). */
  key: string;
  severity: Severity;
  url?: string;
  /** Set when the report marks the finding suppressed: the suppression's reason. */
  suppressed?: string;
}

export interface Scan {
  service: string;
  /** The scanned artifact or analysis (scanner + image, or SARIF tool + category). */
  series: string;
  /** Digest of the report file: re-importing it is the same scan. */
  id: string;
  scannedAt: EpochMs;
  /** The file it was imported from, for audit. */
  source: string;
  findings: ScanFinding[];
}

export interface ScanWrite extends Scan {
  /** Digest of `findings` as stored. */
  findingSet: string;
}

export async function writeScans(tx: SqlExecutor, scans: readonly ScanWrite[]): Promise<void> {
  for (const s of scans) {
    await tx.query(
      `INSERT INTO scan_finding_sets (digest, findings) VALUES ($1, $2::jsonb)
       ON CONFLICT (digest) DO NOTHING`,
      [s.findingSet, JSON.stringify(s.findings)],
    );
    // A scan already stored keeps its first record: the same report means the same scan.
    await tx.query(
      `INSERT INTO scans (service, series, id, scanned_at, finding_set, source)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (service, series, id) DO NOTHING`,
      [s.service, s.series, s.id, new Date(s.scannedAt).toISOString(), s.findingSet, s.source],
    );
  }
}

/** Every stored scan of one series, oldest first (ties by id). */
export async function readScans(db: SqlExecutor, service: string, series: string): Promise<Scan[]> {
  const rows = await db.query<{ id: string; at: number; finding_set: string; source: string }>(
    `SELECT id, (extract(epoch from scanned_at) * 1000)::float8 AS at, finding_set, source
     FROM scans WHERE service = $1 AND series = $2 ORDER BY scanned_at, id COLLATE "C"`,
    [service, series],
  );
  const digests = [...new Set(rows.map((r) => r.finding_set))];
  const sets = new Map<string, ScanFinding[]>();
  if (digests.length) {
    const found = await db.query<{ digest: string; findings: ScanFinding[] }>(
      "SELECT digest, findings FROM scan_finding_sets WHERE digest = ANY($1::text[])",
      [digests],
    );
    for (const f of found) sets.set(f.digest, f.findings);
  }
  return rows.map((r) => ({
    service,
    series,
    id: r.id,
    scannedAt: r.at,
    source: r.source,
    findings: sets.get(r.finding_set) ?? [],
  }));
}
