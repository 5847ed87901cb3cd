import type { EngineConfig } from "../config/engine-config.ts";
import { type EpochMs, RECORD_KINDS, type RecordKind } from "../domain/records.ts";
import type { LedgerHealth } from "../evidence/ledger-gaps.ts";
import { describeAppended, EvidenceRecorder } from "../evidence/record-evidence.ts";
import type { Logger } from "../logger.ts";
import type { IncrementalResult } from "../metrics/incremental.ts";
import type { KpiSnapshot } from "../metrics/snapshot-types.ts";
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
) {
  const recorder = new EvidenceRecorder(store, engine, Date.now, health);
  // A replica that starts leading has recorded nothing itself: it looks at everything once.
  let ledBefore = false;
  let live: Promise<LiveEngine> | undefined;
  const results = new WeakMap<LiveEngine, IncrementalResult>();
  return {
    async load(): Promise<LiveEngine> {
      if (live === undefined) {
        live = LiveEngine.open(store, engine);
        // A failed first load is retried whole by the next refresh.
        live.catch(() => {
          live = undefined;
        });
        return live;
      }
      const current = await live;
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
      );
      ledBefore = true;
      const line = describeAppended(appended);
      if (line) logger.info(line);
    },
  };
}

const emptyCounts = () =>
  Object.fromEntries(RECORD_KINDS.map((kind) => [kind, 0])) as Record<RecordKind, number>;
