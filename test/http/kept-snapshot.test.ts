import { describe, expect, it } from "vitest";
import { emptyRecordSet, type RecordSet } from "../../src/domain/records.ts";
import { createApp } from "../../src/http/app.ts";
import { configDigest, keepSnapshots, restoreKept } from "../../src/http/kept-snapshot.ts";
import type { LiveEngine } from "../../src/http/live-engine.ts";
import { renderSnapshot } from "../../src/http/render.ts";
import { openStore } from "../../src/store/open.ts";
import { AS_OF, countingService, deferred, handSnapshot, listen } from "./helpers.ts";

// A restart serves the snapshot kept from the last run at once, not ready, with its age
// on kpi_exporter_snapshot_timestamp_seconds, until this run's first snapshot replaces it.

const KEPT_AS_OF = AS_OF - 3_600_000;
const quiet = { info: () => {} };

describe("the kept snapshot", () => {
  it("is served, not ready, until the first refresh replaces it", async () => {
    const gate = deferred<RecordSet>();
    const { service, self } = countingService({ load: () => gate.promise });
    const kept = handSnapshot(KEPT_AS_OF);
    service.restore(kept, await renderSnapshot(kept), KEPT_AS_OF);
    const http = await listen(createApp({ snapshots: service, self }));
    try {
      expect(service.ready()).toBe(false);
      const readyz = await fetch(`${http.url}/readyz`);
      expect(readyz.status).toBe(503);
      expect((await readyz.json()).status).toContain("2026-06-29T23:00:00.000Z");
      const metrics = await (await fetch(`${http.url}/metrics`)).text();
      expect(metrics).toContain(`kpi_exporter_snapshot_timestamp_seconds ${KEPT_AS_OF / 1000}`);
      const refreshing = service.refresh();
      gate.resolve(emptyRecordSet());
      await refreshing;
      expect(service.ready()).toBe(true);
      expect(service.current()?.snapshot.asOf).toBe(AS_OF);
      expect((await fetch(`${http.url}/readyz`)).status).toBe(200);
      // A fresh snapshot is never replaced by a kept one.
      service.restore(kept, await renderSnapshot(kept), KEPT_AS_OF);
      expect(service.current()?.snapshot.asOf).toBe(AS_OF);
    } finally {
      await http.close();
    }
  });

  it("round-trips through the store and is not served under another config", async () => {
    const store = await openStore();
    try {
      const { service: first } = countingService();
      const keep = keepSnapshots(store, configDigest({ windows: ["7d"] }));
      await first.refresh();
      const state = first.current();
      if (!state) throw new Error("no snapshot");
      await keep.onRefreshed(state, { seq: 7 } as LiveEngine);
      const kept = await store.servedSnapshot.load();
      expect(kept?.writeSeq).toBe(7);

      const { service: same } = countingService();
      const digest = configDigest({ windows: ["7d"] });
      expect(await restoreKept(store, same, digest, quiet)).toBe(true);
      expect(same.current()?.exposition.text).toBe(state.exposition.text);
      expect(same.current()?.snapshot).toEqual(state.snapshot);

      const { service: other } = countingService();
      const otherDigest = configDigest({ windows: ["30d"] });
      expect(await restoreKept(store, other, otherDigest, quiet)).toBe(false);
      expect(other.current()).toBeUndefined();
    } finally {
      await store.close();
    }
  });
});
