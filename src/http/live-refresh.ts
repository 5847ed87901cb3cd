import { type EngineConfig, withPolicyHistories } from "../config/engine-config.ts";
import type { EvidencePolicy } from "../domain/evidence-record.ts";
import { type EpochMs, RECORD_KINDS, type RecordKind } from "../domain/records.ts";
import type { IncrementalResult } from "../engine/incremental.ts";
import type { KpiSnapshot } from "../engine/snapshot-types.ts";
import type { LedgerHealth } from "../evidence/ledger-gaps.ts";
import { effectiveHistories } from "../evidence/policy-records.ts";
import { describeAppended, EvidenceRecorder } from "../evidence/record-evidence.ts";
import type { Logger } from "../logger.ts";
import type { Store } from "../store/store.ts";
import { LiveEngine } from "./live-engine.ts";

/**
 * A SnapshotService's load, compute and afterRefresh over a live engine: each refresh
 * reads only what was written since the last, re-analyses only what that touches, and
 * looks for new evidence only among the deployments it re-analysed.
 */
export function liveRefresh(
  store: Store,
  engine: EngineConfig,
  logger: Pick<Logger, "info">,
  health?: LedgerHealth,
  /** Only the leading replica appends evidence; the rest follow its ledger. */
  leading: () => boolean = () => true,
  /** Given, the ledger's policy records are followed; told of each engine config judged by. */
  onPolicies?: (engine: EngineConfig) => void,
  /** The asOf the working set is first read for: the serving clock. */
  clock: () => EpochMs = Date.now,
) {
  let recorder = new EvidenceRecorder(store, engine, Date.now, health);
  const follow = onPolicies && followPolicies(store, engine);
  /** The engine config to judge by, when another process recorded a policy version. */
  const policiesChanged = async (): Promise<EngineConfig | undefined> => {
    const next = await follow?.();
    if (next === undefined) return undefined;
    engine = next;
    recorder = new EvidenceRecorder(store, engine, Date.now, health);
    logger.info("compliance policies changed in the ledger: judging by them from now on");
    onPolicies?.(next);
    return next;
  };
  // A replica that starts leading has recorded nothing itself: it looks at everything once.
  let ledBefore = false;
  let live: Promise<LiveEngine> | undefined;
  const results = new WeakMap<LiveEngine, IncrementalResult>();
  return {
    async load(): Promise<LiveEngine> {
      const changed = await policiesChanged();
      if (live === undefined) {
        live = LiveEngine.open(store, engine, clock());
        // A failed first load is retried whole by the next refresh.
        live.catch(() => {
          live = undefined;
        });
        return live;
      }
      const current = await live;
      if (changed) await current.reconfigure(changed);
      await current.catchUp();
      return current;
    },
    /** The write sequence number the working set is current to (undefined before loading). */
    async seq(): Promise<number | undefined> {
      return live === undefined ? undefined : (await live).seq;
    },
    /** Records per kind in the working set, without reading the store again. */
    async counts(): Promise<Record<RecordKind, number>> {
      return live === undefined ? emptyCounts() : (await live).counts();
    },
    async compute(current: LiveEngine, asOf: EpochMs): Promise<KpiSnapshot> {
      const result = await current.compute(asOf);
      results.set(current, result);
      return result.snapshot;
    },
    async afterRefresh(current: LiveEngine, asOf: EpochMs): Promise<void> {
      const result = results.get(current);
      if (!result || !leading()) {
        ledBefore = false;
        return;
      }
      const touched = ledBefore ? result.touched : "all";
      const appended = await recorder.recordTouched(
        result.analyzed,
        current.checksAt(asOf),
        touched,
        (d) => current.exact(d),
      );
      ledBefore = true;
      const line = describeAppended(appended);
      if (line) logger.info(line);
    },
  };
}

const emptyCounts = () =>
  Object.fromEntries(RECORD_KINDS.map((kind) => [kind, 0])) as Record<RecordKind, number>;

// The serving process judges by the ledger's effective policy history (METRICS.md
// decision 131), which another replica or command may extend while it runs: a policy
// version it records is followed here, so /metrics and the evidence it appends agree with
// explain and reports. Cheap: nothing but the head is read until the ledger grows, and then
// only the records appended since the last look.

/** The versions an engine config judges by, per scope: equal keys judge alike. */
function historiesKey(engine: EngineConfig): string {
  const digests = (versions: readonly { digest: string; rejudges?: string }[]) =>
    versions.map((v) => [v.digest, v.rejudges ?? null]);
  return JSON.stringify([
    digests(engine.organisationPolicies),
    [...engine.teamPolicies].map(([team, versions]) => [team, digests(versions)]),
  ]);
}

/**
 * A function answering, at each refresh, the engine config to judge by from now on when
 * the ledger's policy records no longer match `engine`, or undefined when they still do.
 */
export function followPolicies(store: Store, engine: EngineConfig) {
  let current = engine;
  let key = historiesKey(engine);
  let seen: number | undefined;
  let records: EvidencePolicy[] = [];
  return async (): Promise<EngineConfig | undefined> => {
    const head = (await store.evidence.head()).seq;
    if (head === seen) return undefined;
    // Up to the head just read: a record appended meanwhile is read next time, once.
    const added = await store.evidence.policiesIn(seen ?? 0, head);
    seen = head;
    if (!added.length) return undefined;
    records = [...records, ...added];
    const next = withPolicyHistories(current, effectiveHistories(records));
    const nextKey = historiesKey(next);
    if (nextKey === key) return undefined;
    current = next;
    key = nextKey;
    return next;
  };
}
