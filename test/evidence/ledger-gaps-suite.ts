import { expect, test } from "vitest";
import { checkLedger } from "../../src/evidence/ledger-check.ts";
import { gapsInPeriod } from "../../src/evidence/ledger-gaps.ts";
import { recordEvidence } from "../../src/evidence/record-evidence.ts";
import type { Store } from "../../src/store/store.ts";
import { check, ms } from "../engine/helpers.ts";
import { SHA, scenario } from "../explain/scenario.ts";
import { ASOF, ENGINE, type OpenStore, RECORDED, split, storesOf } from "./ledger-fixture.ts";

// Ledger against store on a real database: the chain can be intact while deployments the
// store holds have no record (missing), or a record older than their facts (stale).

export function defineLedgerGapsSuite(open: OpenStore): void {
  const opened = storesOf(open);
  const record = async (store: Store) =>
    recordEvidence(store, {
      records: await store.load(),
      engine: ENGINE,
      asOf: ASOF,
      now: () => RECORDED,
    });
  const gapsOf = async (store: Store) => {
    const found = await checkLedger(store, ENGINE, ASOF);
    expect(found.issues).toEqual([]);
    return found;
  };

  test("an empty store over an empty ledger has no gap", async () => {
    expect(await gapsOf(await opened())).toMatchObject({ deployments: 0, gaps: [], rows: [] });
  });

  test("names each production deployment written without evidence, until it is appended", async () => {
    const store = await opened();
    const { early, late } = split();
    await store.upsert(early);
    expect((await record(store)).map((r) => r.deploymentId)).toEqual(["d1", "d2", "d3", "d4"]);
    await store.upsert(late);
    const found = await gapsOf(store);
    expect(found.deployments).toBe(6);
    expect(found.gaps).toEqual([
      {
        kind: "missing",
        deploymentId: "d5",
        service: "checkout",
        finishedAt: "2026-06-28T10:00:00.000Z",
        message:
          "deployment d5 (checkout, finished 2026-06-28T10:00:00.000Z): missing: no ledger record",
      },
      {
        kind: "missing",
        deploymentId: "d6",
        service: "billing",
        finishedAt: "2026-06-29T00:00:00.000Z",
        message:
          "deployment d6 (billing, finished 2026-06-29T00:00:00.000Z): missing: no ledger record",
      },
    ]);
    // A period holding neither has nothing missing; one holding d6 alone names d6.
    const gaps = found.gaps;
    expect(gapsInPeriod(gaps, ms("2026-06-01T00:00Z"), ms("2026-06-28T10:00Z"))).toEqual([]);
    expect(
      gapsInPeriod(gaps, ms("2026-06-28T10:00:00.001Z"), ASOF).map((g) => g.deploymentId),
    ).toEqual(["d6"]);
    expect((await record(store)).map((r) => [r.seq, r.deploymentId])).toEqual([
      [5, "d5"],
      [6, "d6"],
    ]);
    expect((await gapsOf(store)).gaps).toEqual([]);
  });

  test("a failing check arriving after the records makes both deployments of its commit stale", async () => {
    const store = await opened();
    await store.upsert(scenario());
    expect(await record(store)).toHaveLength(6);
    // SHA.A was deployed by d1 (06-10 10:00) and redeployed by d3 (06-25): a result
    // completed before both counts for both.
    await store.upsert({ checks: [check(SHA.A, "sast", "failure", "2026-06-10T09:30Z")] });
    const { gaps } = await gapsOf(store);
    expect(gaps.map((g) => [g.kind, g.deploymentId, g.latestSeq, g.recordedFinishedAt])).toEqual([
      ["stale", "d1", 1, "2026-06-10T10:00:00.000Z"],
      ["stale", "d3", 3, "2026-06-25T10:00:00.000Z"],
    ]);
    expect(gaps[0]?.message).toBe(
      "deployment d1 (checkout, finished 2026-06-10T10:00:00.000Z): stale: a correction is pending (its latest record 1 holds other facts)",
    );
    expect((await record(store)).map((r) => [r.seq, r.deploymentId])).toEqual([
      [7, "d1"],
      [8, "d3"],
    ]);
    expect((await gapsOf(store)).gaps).toEqual([]);
  });

  test("a stale deployment whose finish moved counts in the period of either finish", async () => {
    const store = await opened();
    await store.upsert(scenario());
    await record(store);
    const d2 = scenario().deployments.find((d) => d.id === "d2");
    await store.upsert({
      deployments: [{ ...(d2 as NonNullable<typeof d2>), finishedAt: ms("2026-06-21T10:00Z") }],
    });
    const { gaps } = await gapsOf(store);
    expect(gaps.map((g) => [g.deploymentId, g.finishedAt, g.recordedFinishedAt])).toEqual([
      ["d2", "2026-06-21T10:00:00.000Z", "2026-06-20T10:00:00.000Z"],
    ]);
    for (const [from, to, found] of [
      ["2026-06-20T00:00Z", "2026-06-21T00:00Z", 1],
      ["2026-06-21T00:00Z", "2026-06-22T00:00Z", 1],
      ["2026-06-22T00:00Z", "2026-06-30T00:00Z", 0],
    ] as const)
      expect(gapsInPeriod(gaps, ms(from), ms(to)), `${from} to ${to}`).toHaveLength(found);
  });
}
