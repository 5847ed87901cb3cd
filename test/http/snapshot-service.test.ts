import { describe, expect, it } from "vitest";
import { emptyRecordSet, type RecordSet } from "../../src/domain/records.ts";
import { KPI } from "../../src/vocabulary/kpi-catalogue.ts";
import { AS_OF, countingService, deferred, handSnapshot } from "./helpers.ts";

describe("SnapshotService", () => {
  it("serves nothing before the first refresh, then the rendered snapshot", async () => {
    const { service, self } = countingService();
    expect(service.current()).toBeUndefined();
    expect(await service.scrape("text")).toBeUndefined();
    await service.refresh();
    expect(service.current()?.snapshot.asOf).toBe(AS_OF);
    expect(service.current()?.exposition.text).toContain("dora_deployments_total{");
    expect((await self.samples()).map((sample) => sample.name)).toContain(
      "kpi_exporter_snapshot_timestamp_seconds",
    );
  });

  it("coalesces concurrent refreshes into the running one plus one trailing run", async () => {
    const gate = deferred<RecordSet>();
    let first = true;
    const { service, calls } = countingService({
      load: () => {
        if (!first) return Promise.resolve(emptyRecordSet());
        first = false;
        return gate.promise;
      },
    });
    const running = service.refresh();
    const waiting = [service.refresh(), service.refresh(), service.refresh(), service.refresh()];
    expect(calls.load).toBe(1);
    gate.resolve(emptyRecordSet());
    // The running call settles after its own run; later calls only after the trailing run,
    // which started after they were made.
    const computedBy = await Promise.all(
      [running, ...waiting].map((promise) => promise.then(() => calls.compute)),
    );
    expect(computedBy).toEqual([1, 2, 2, 2, 2]);
    expect(calls.compute).toBe(2);
    expect(calls.load).toBe(2);
  });

  it("keeps serving the last good snapshot when a refresh fails, and logs", async () => {
    let fail = false;
    const { service, errors } = countingService({
      compute: (_records, asOf) => {
        if (fail) throw new Error("engine exploded");
        return handSnapshot(asOf);
      },
    });
    await service.refresh();
    const good = service.current();
    fail = true;
    await expect(service.refresh()).resolves.toBeUndefined();
    expect(service.current()).toBe(good);
    expect(errors).toEqual(["snapshot refresh failed; still serving the previous snapshot"]);
    expect(await service.scrape("text")).toContain("dora_deployments_total{");
  });

  it("refuses a snapshot that breaks the contract, keeping the previous one", async () => {
    let broken = false;
    const { service, errors } = countingService({
      compute: (_records, asOf) => {
        const snapshot = handSnapshot(asOf);
        if (broken) snapshot.samples.push({ name: KPI.cost.name, labels: { sha: "x" }, value: 1 });
        return snapshot;
      },
    });
    await service.refresh();
    const good = service.current();
    broken = true;
    await service.refresh();
    expect(service.current()).toBe(good);
    expect(errors).toHaveLength(1);
  });

  it("still swaps the snapshot when reading record counts fails", async () => {
    const { service, errors } = countingService({
      counts: () => Promise.reject(new Error("store down")),
    });
    await service.refresh();
    expect(service.current()).toBeDefined();
    expect(errors).toEqual(["reading record counts failed"]);
  });

  it("scrapes without loading or computing", async () => {
    const { service, calls } = countingService();
    await service.refresh();
    for (let i = 0; i < 5; i++) {
      await service.scrape("text");
      await service.scrape("openmetrics");
    }
    expect(calls).toEqual({ load: 1, compute: 1 });
  });

  it("refreshes on a timer until stopped", async () => {
    const { service, calls } = countingService();
    await service.start(10);
    await new Promise((resolve) => setTimeout(resolve, 60));
    service.stop();
    // A run already under way may still finish; wait for it before counting.
    await new Promise((resolve) => setTimeout(resolve, 5));
    const afterStop = calls.compute;
    expect(afterStop).toBeGreaterThan(1);
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(calls.compute).toBe(afterStop);
  });
});
