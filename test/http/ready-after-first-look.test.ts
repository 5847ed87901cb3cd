import { describe, expect, it } from "vitest";
import { createApp } from "../../src/http/app.ts";
import { SelfMetrics } from "../../src/http/self-metrics.ts";
import { SnapshotService } from "../../src/http/snapshot-service.ts";
import { AS_OF, deferred, handSnapshot, listen } from "./helpers.ts";

// A serving process that leads looks at every deployment for evidence once after its first
// fresh snapshot (seconds at 100k): it serves that snapshot meanwhile, but is not ready, so
// a load balancer sends writes to a replica that will not make them wait behind it.

describe("readiness after start", () => {
  it("waits for the first refresh's after-work, and only the first", async () => {
    const firstLook = deferred<void>();
    let afterWork = 0;
    const self = new SelfMetrics({ version: "9.9.9-test" });
    const service = new SnapshotService({
      load: async () => ({}),
      compute: (_records, asOf) => handSnapshot(asOf),
      asOf: () => AS_OF,
      self,
      afterRefresh: () => (++afterWork === 1 ? firstLook.promise : Promise.resolve()),
    });
    const http = await listen(createApp({ snapshots: service, self }));
    try {
      const first = service.refresh();
      await service.served();
      const readyz = await fetch(`${http.url}/readyz`);
      expect(readyz.status).toBe(503);
      expect((await readyz.json()).status).toContain("evidence ledger");
      expect((await fetch(`${http.url}/metrics`)).status).toBe(200);
      firstLook.resolve();
      await first;
      expect((await fetch(`${http.url}/readyz`)).status).toBe(200);
      // A later refresh's after-work never makes the process unready again.
      const later = service.refresh();
      expect(service.ready()).toBe(true);
      await later;
      expect(service.ready()).toBe(true);
      expect(afterWork).toBe(2);
    } finally {
      await http.close();
    }
  });
});
