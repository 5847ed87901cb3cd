import { describe, expect, it } from "vitest";
import { emptyRecordSet, type RecordSet } from "../../src/domain/records.ts";
import { SelfMetrics } from "../../src/http/self-metrics.ts";
import { SnapshotService } from "../../src/http/snapshot-service.ts";
import { AS_OF, handSnapshot } from "./helpers.ts";

// The after-refresh step (the evidence ledger's append) sees each new snapshot's records and
// asOf; its failure is logged and never takes the new snapshot down.

function service(afterRefresh: (records: RecordSet, asOf: number) => Promise<void>) {
  const errors: string[] = [];
  const snapshots = new SnapshotService({
    load: async () => emptyRecordSet(),
    compute: (_records, asOf) => handSnapshot(asOf),
    asOf: () => AS_OF,
    afterRefresh,
    self: new SelfMetrics(),
    logger: { info: () => {}, error: (message) => errors.push(message) },
  });
  return { snapshots, errors };
}

describe("after-refresh step", () => {
  it("runs after each refresh with the records and asOf, before refresh() settles", async () => {
    const seen: number[] = [];
    const { snapshots } = service(async (records, asOf) => {
      expect(records.deployments).toEqual([]);
      seen.push(asOf);
    });
    await snapshots.refresh();
    await snapshots.refresh();
    expect(seen).toEqual([AS_OF, AS_OF]);
  });

  it("logs a failure and keeps serving the new snapshot", async () => {
    const { snapshots, errors } = service(async () => {
      throw new Error("ledger unavailable");
    });
    await snapshots.refresh();
    expect(snapshots.current()?.snapshot.asOf).toBe(AS_OF);
    expect(errors).toEqual(["after-refresh step failed; the new snapshot is served"]);
  });
});
