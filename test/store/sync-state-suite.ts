import { expect, test } from "vitest";
import type { OpenStoreOptions } from "../../src/store/open.ts";
import { closedAfterEach, fullRecordSet } from "./fixtures.ts";

// Sync state beside the records: cursors and branch policies commit with the records they
// cover or not at all; the HTTP cache and webhook deliveries persist across reopening.

export function defineSyncStateSuite(fresh: () => OpenStoreOptions): void {
  const open = closedAfterEach();

  test("cursors and policies are stored with the records, and replaced by key", async () => {
    const store = await open(fresh());
    const policy = {
      service: "checkout",
      repository: "acme/checkout",
      branch: "main",
      requiredChecks: ["ci", "sast"],
    };
    await store.upsert(fullRecordSet(), {
      cursors: [
        { source: "github", key: "acme/checkout", value: { pullsThrough: "2026-06-01T00:00:00Z" } },
      ],
      policies: [policy],
    });
    await store.upsert(
      {},
      { cursors: [{ source: "github", key: "acme/checkout", value: { n: 2 } }] },
    );
    expect([...(await store.cursors("github"))]).toEqual([["acme/checkout", { n: 2 }]]);
    expect((await store.cursors("other")).size).toBe(0);
    expect((await store.load()).branchPolicies).toEqual([policy]);
  });

  test("a failed upsert stores neither its records nor its cursor", async () => {
    const store = await open(fresh());
    const bad = { ...fullRecordSet().deployments[0], status: "bogus" } as never;
    await expect(
      store.upsert({ deployments: [bad] }, { cursors: [{ source: "github", key: "r", value: 1 }] }),
    ).rejects.toThrow();
    expect((await store.cursors("github")).size).toBe(0);
    expect((await store.counts()).deployment).toBe(0);
  });

  test("the HTTP cache keeps validator, body and Link header", async () => {
    const store = await open(fresh());
    expect(await store.httpCache.get("https://x/a")).toBeUndefined();
    await store.httpCache.put("https://x/a", {
      etag: 'W/"1"',
      body: "[1]",
      link: '<https://x/a?page=2>; rel="next"',
    });
    await store.httpCache.put("https://x/a", { etag: 'W/"2"', body: "[2]" });
    expect(await store.httpCache.get("https://x/a")).toEqual({ etag: 'W/"2"', body: "[2]" });
  });

  test("a delivery counts as applied once remembered, and only then", async () => {
    const store = await open(fresh());
    expect(await store.deliveries.applied("d-1")).toBe(false);
    await store.deliveries.remember("d-1");
    await store.deliveries.remember("d-1");
    expect(await store.deliveries.applied("d-1")).toBe(true);
    expect(await store.deliveries.applied("d-2")).toBe(false);
  });

  test("stored ids are found by kind, and only the ones asked for", async () => {
    const store = await open(fresh());
    const records = fullRecordSet();
    await store.upsert(records);
    const [deployment] = records.deployments;
    const ids = [deployment?.id ?? "", "never-stored"];
    expect([...(await store.storedIds("deployment", ids))]).toEqual([deployment?.id]);
    expect((await store.storedIds("change", ids)).size).toBe(0);
    expect((await store.storedIds("deployment", [])).size).toBe(0);
  });
}
