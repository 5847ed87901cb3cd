import { openArchive } from "../archive/open-archive.ts";
import { before } from "../config/retention-period.ts";
import type { ConfigFile } from "../config/schema.ts";
import type { RecordKind } from "../domain/records.ts";
import type { SegmentRow } from "../store/ledger-archive.ts";
import type { Store } from "../store/store.ts";
import { pruneLedger } from "./prune-ledger.ts";
import { sealNewSegments } from "./seal.ts";

// One retention run (decision 156), by `kpi-exporter retention` or on the leader's
// schedule: seal what the ledger appended into the archive first, then, unless a legal
// hold stands, prune the records and the archived ledger records past their retention.

export type RetentionSettings = NonNullable<ConfigFile["retention"]>;

export interface RetentionOutcome {
  archive?: string;
  sealed: SegmentRow[];
  /** Segments put under legal hold this run. */
  held: number;
  legalHold?: string;
  /** Records deleted by kind; absent under legal hold. */
  records?: Record<RecordKind, number>;
  ledger?: { throughSeq?: number; deleted: number };
}

export async function runRetention(
  store: Store,
  settings: RetentionSettings,
  now: number,
  env: NodeJS.ProcessEnv = process.env,
): Promise<RetentionOutcome> {
  const archive = settings.archive === undefined ? undefined : openArchive(settings.archive, env);
  const legalHold = settings.legal_hold?.reason;
  const outcome: RetentionOutcome = { sealed: [], held: 0 };
  if (archive) {
    outcome.archive = archive.location;
    outcome.sealed = await sealNewSegments(
      store,
      archive,
      {
        evidence: settings.evidence,
        legalHold: legalHold !== undefined,
        segmentRecords: settings.segment_records,
      },
      now,
    );
  }
  if (legalHold !== undefined) {
    outcome.legalHold = legalHold;
    // Segments sealed before the hold: held too, where the archive can (S3 can, a directory cannot).
    if (archive)
      for (const segment of await store.ledgerArchive.segments())
        if (!segment.legalHold && (await archive.hold(segment.object))) outcome.held++;
    return outcome;
  }
  outcome.records = await store.pruneRecords(before(now, settings.records));
  if (archive) {
    const pruned = await pruneLedger(store, archive, settings.ledger, now);
    outcome.ledger = { throughSeq: pruned.through?.lastSeq, deleted: pruned.deleted };
  }
  return outcome;
}

export function describeRetention(outcome: RetentionOutcome): string {
  const parts: string[] = [];
  if (outcome.archive !== undefined) {
    const last = outcome.sealed[outcome.sealed.length - 1];
    const first = outcome.sealed[0];
    parts.push(
      first && last
        ? `sealed records ${first.firstSeq}–${last.lastSeq} in ${outcome.sealed.length} segment(s) into ${outcome.archive}`
        : `nothing new to seal into ${outcome.archive}`,
    );
  }
  if (outcome.legalHold !== undefined)
    parts.push(
      `legal hold (${outcome.legalHold}): nothing pruned, ${outcome.held} segment(s) put on hold`,
    );
  if (outcome.records) {
    const counts = Object.entries(outcome.records).filter(([, n]) => n > 0);
    parts.push(
      counts.length
        ? `pruned records past retention: ${counts.map(([kind, n]) => `${n} ${kind}`).join(", ")}`
        : "no record past retention",
    );
  }
  if (outcome.ledger)
    parts.push(
      outcome.ledger.throughSeq === undefined
        ? "no archived ledger segment past retention"
        : `pruned ${outcome.ledger.deleted} ledger records through record ${outcome.ledger.throughSeq} (archived)`,
    );
  if (outcome.archive === undefined)
    parts.push("no archive configured: the ledger is never pruned");
  return parts.join("; ");
}
