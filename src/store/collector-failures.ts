import type { EpochMs } from "../domain/records.ts";
import type { SqlExecutor } from "./sql.ts";

// Failed collector runs, kept so a quarterly report can say which sources failed during
// the quarter (self-metrics only know the last run, and Prometheus may not keep a quarter).
// One row per collector and UTC day, counting that day's failures and keeping the last
// error: bounded growth (a collector failing every 5 minutes still adds one row a day).

export const COLLECTOR_FAILURES_DDL = `
  CREATE TABLE collector_failures (
    collector      text NOT NULL,
    day            date NOT NULL,
    failures       integer NOT NULL,
    first_failed_at timestamptz NOT NULL,
    last_failed_at timestamptz NOT NULL,
    last_error     text NOT NULL,
    PRIMARY KEY (collector, day)
  );`;

export interface CollectorFailureDay {
  collector: string;
  /** "2026-07-14". */
  day: string;
  failures: number;
  firstFailedAt: EpochMs;
  lastFailedAt: EpochMs;
  lastError: string;
}

export interface CollectorFailureLog {
  /** Counts one failed run of `collector` at `at`. */
  record(collector: string, at: EpochMs, error: string): Promise<void>;
  /** Days with a failure whose failures happened at or after `from` and before `to`. */
  between(from: EpochMs, to: EpochMs): Promise<CollectorFailureDay[]>;
}

/** Long messages (a whole HTTP body) are cut: the log keeps the gist, the logs keep the rest. */
const MAX_ERROR = 500;

export function sqlCollectorFailureLog(db: SqlExecutor): CollectorFailureLog {
  return {
    async record(collector, at, error) {
      const when = new Date(at).toISOString();
      await db.query(
        `INSERT INTO collector_failures
           (collector, day, failures, first_failed_at, last_failed_at, last_error)
         VALUES ($1, ($2::timestamptz AT TIME ZONE 'UTC')::date, 1, $2, $2, $3)
         ON CONFLICT (collector, day) DO UPDATE SET
           failures = collector_failures.failures + 1,
           first_failed_at = LEAST(collector_failures.first_failed_at, excluded.first_failed_at),
           last_failed_at = GREATEST(collector_failures.last_failed_at, excluded.last_failed_at),
           last_error = CASE WHEN excluded.last_failed_at >= collector_failures.last_failed_at
             THEN excluded.last_error ELSE collector_failures.last_error END`,
        [collector, when, error.slice(0, MAX_ERROR)],
      );
    },
    async between(from, to) {
      const rows = await db.query<{
        collector: string;
        day: string;
        failures: number;
        first_failed_at: Date;
        last_failed_at: Date;
        last_error: string;
      }>(
        `SELECT collector, to_char(day, 'YYYY-MM-DD') AS day, failures, first_failed_at,
                last_failed_at, last_error
           FROM collector_failures
          WHERE last_failed_at >= $1 AND first_failed_at < $2
          ORDER BY collector, day`,
        [new Date(from).toISOString(), new Date(to).toISOString()],
      );
      return rows.map((r) => ({
        collector: r.collector,
        day: r.day,
        failures: r.failures,
        firstFailedAt: new Date(r.first_failed_at).getTime(),
        lastFailedAt: new Date(r.last_failed_at).getTime(),
        lastError: r.last_error,
      }));
    },
  };
}
