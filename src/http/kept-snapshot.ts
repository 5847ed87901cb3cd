import { canonicalJson, sha256Hex } from "../domain/canonical-json.ts";
import type { KpiSnapshot } from "../engine/snapshot-types.ts";
import type { Logger } from "../logger.ts";
import type { Store } from "../store/store.ts";
import type { LiveEngine } from "./live-engine.ts";
import type { SnapshotService, SnapshotState } from "./snapshot-service.ts";

// `serve` keeps its last snapshot in the store and, at the next start, serves it at once
// (readiness false, its age on kpi_exporter_snapshot_timestamp_seconds) until the fresh
// one is in (docs/decisions/serving.md, fast start). Only a snapshot of the same config is served.

/** Writing ~10 MB per refresh would cost more than it saves: at most once a minute. */
const KEEP_EVERY_MS = 60_000;

/** What decides the numbers besides the records: the config the engine was built from. */
export function configDigest(config: unknown): string {
  return sha256Hex(canonicalJson(config as object));
}

export async function restoreKept(
  store: Store,
  snapshots: Pick<SnapshotService<unknown>, "restore">,
  digest: string,
  logger: Pick<Logger, "info">,
): Promise<boolean> {
  const kept = await store.servedSnapshot.load();
  if (!kept) return false;
  if (kept.configDigest !== digest) {
    logger.info("not serving the kept snapshot: the config changed since it was computed");
    return false;
  }
  const snapshot: KpiSnapshot = { asOf: kept.asOf, samples: JSON.parse(kept.samples) };
  snapshots.restore(snapshot, { text: kept.text, openMetrics: kept.openMetrics }, kept.savedAt);
  logger.info("serving the snapshot kept from the last run until a fresh one is computed", {
    asOf: new Date(kept.asOf).toISOString(),
    savedAt: new Date(kept.savedAt).toISOString(),
  });
  return true;
}

/** An onRefreshed hook that keeps the served snapshot; flush() keeps the latest at shutdown. */
export function keepSnapshots(store: Store, digest: string, now: () => number = Date.now) {
  let keptAt = Number.NEGATIVE_INFINITY;
  let latest: { state: SnapshotState; seq: number } | undefined;
  const save = async () => {
    if (!latest) return;
    const { state, seq } = latest;
    latest = undefined;
    keptAt = now();
    await store.servedSnapshot.save({
      configDigest: digest,
      asOf: state.snapshot.asOf,
      savedAt: state.refreshedAt,
      writeSeq: seq,
      samples: JSON.stringify(state.snapshot.samples),
      text: state.exposition.text,
      openMetrics: state.exposition.openMetrics,
    });
  };
  return {
    async onRefreshed(state: SnapshotState, live: LiveEngine): Promise<void> {
      latest = { state, seq: live.seq };
      if (now() - keptAt >= KEEP_EVERY_MS) await save();
    },
    flush: save,
  };
}
