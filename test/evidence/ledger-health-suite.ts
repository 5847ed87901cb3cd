import { expect, test } from "vitest";
import { EvidenceRecorder, evidenceRefresh } from "../../src/evidence/record-evidence.ts";
import { renderSelf } from "../../src/http/render.ts";
import { SelfMetrics } from "../../src/http/self-metrics.ts";
import type { Store } from "../../src/store/store.ts";
import { seriesLines } from "../http/helpers.ts";
import {
  ASOF,
  ENGINE,
  flaky,
  type OpenStore,
  RECORDED,
  split,
  storesOf,
} from "./ledger-fixture.ts";

// The ledger's health on /metrics, reported by the recorder after each append attempt on a
// real database: the head's seq, the deployments still pending, and the failed appends.

const LEDGER = "kpi_exporter_evidence_ledger_";

async function ledgerLines(self: SelfMetrics): Promise<string[]> {
  return seriesLines((await renderSelf(self)).text).filter((l) => l.startsWith(LEDGER));
}

const health = (head: number | undefined, pending: number, failures: number) => [
  ...(head === undefined ? [] : [`${LEDGER}head_sequence ${head}`]),
  `${LEDGER}pending_records ${pending}`,
  `${LEDGER}append_failures_total ${failures}`,
];

export function defineLedgerHealthSuite(open: OpenStore): void {
  const opened = storesOf(open);

  test("after successful and failed appends, and after a restart", async () => {
    const real = await opened();
    const { store, fail } = flaky(real);
    const self = new SelfMetrics();
    expect(await ledgerLines(self)).toEqual([]);
    const recorder = new EvidenceRecorder(store, ENGINE, () => RECORDED, self);
    const { early, late } = split();
    await real.upsert(early);
    expect(await recorder.record(await real.load(), ASOF)).toHaveLength(4);
    expect(await ledgerLines(self)).toEqual(health(4, 0, 0));

    await real.upsert(late);
    fail.append = true;
    await expect(recorder.record(await real.load(), ASOF)).rejects.toThrow(/connection refused/);
    // d5 and d6 were the only candidates: d1–d4 were settled by the append before.
    expect(await ledgerLines(self)).toEqual(health(4, 2, 1));

    // A restarted recorder offers all six; the ledger says four of them are recorded.
    const restarted = new EvidenceRecorder(store, ENGINE, () => RECORDED, self);
    await expect(restarted.record(await real.load(), ASOF)).rejects.toThrow();
    expect(await ledgerLines(self)).toEqual(health(4, 2, 2));
    // When the ledger cannot be read either, every candidate counts.
    fail.rows = true;
    await expect(restarted.record(await real.load(), ASOF)).rejects.toThrow();
    expect(await ledgerLines(self)).toEqual(health(4, 6, 3));

    fail.append = false;
    fail.rows = false;
    const appended = await restarted.record(await real.load(), ASOF);
    expect(appended.map((r) => [r.seq, r.deploymentId])).toEqual([
      [5, "d5"],
      [6, "d6"],
    ]);
    expect(await ledgerLines(self)).toEqual(health(6, 0, 3));
  });

  test("a serving refresh that appends nothing reports the head it reads", async () => {
    const store: Store = await opened();
    await store.upsert(split().early);
    await new EvidenceRecorder(store, ENGINE).record(await store.load(), ASOF);
    const self = new SelfMetrics();
    const refresh = evidenceRefresh(store, ENGINE, { info: () => {} }, self);
    const records = await store.load();
    refresh.compute(records, ASOF);
    await refresh.afterRefresh(records, ASOF);
    expect(await ledgerLines(self)).toEqual(health(4, 0, 0));
  });

  test("a first append that fails leaves no head, one failure and every deployment pending", async () => {
    const real = await opened();
    const { store, fail } = flaky(real);
    await real.upsert(split().early);
    fail.append = true;
    const self = new SelfMetrics();
    await expect(
      new EvidenceRecorder(store, ENGINE, Date.now, self).record(await real.load(), ASOF),
    ).rejects.toThrow();
    expect(await ledgerLines(self)).toEqual(health(undefined, 4, 1));
  });
}
