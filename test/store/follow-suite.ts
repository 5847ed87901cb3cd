import { expect, test } from "vitest";
import type { Deployment } from "../../src/domain/records.ts";
import type { OpenStoreOptions } from "../../src/store/open.ts";
import { closedAfterEach, fullRecordSet } from "./fixtures.ts";

// Following the store by its write sequence: what a serving process (or another replica)
// reads instead of reloading everything after each write.

const deployment = (id: string, minute: number): Deployment => ({
  id,
  service: "checkout",
  environment: "production",
  finishedAt: Date.UTC(2026, 5, 1, 0, minute),
  commitSha: `${id}`.padEnd(40, "0"),
  status: "success",
  approvals: [],
});

const ids = (list: readonly { id: string }[]) => list.map((r) => r.id);

/**
 * `separate`: each writer and the follower may open the database on its own (PostgreSQL);
 * an embedded store is one process's, so there they share it.
 */
export function defineFollowSuite(fresh: () => OpenStoreOptions, separate: boolean): void {
  const open = closedAfterEach();

  test("changesSince hands over only the rows a write inserted or changed", async () => {
    const store = await open(fresh());
    const empty = await store.loadAt();
    expect(empty.seq).toBe(0);
    await store.upsert(fullRecordSet());
    const first = await store.changesSince(0);
    expect(first.records).toStrictEqual(await store.load());
    expect(first.seq).toBeGreaterThan(0);

    // Identical rows are no write: nothing to follow, and the position stays.
    await store.upsert(fullRecordSet());
    const none = await store.changesSince(first.seq);
    expect(none.seq).toBe(first.seq);
    expect(Object.values(none.records).every((list) => list.length === 0)).toBe(true);

    const moved = { ...(fullRecordSet().deployments[0] as Deployment), environment: "staging" };
    await store.upsert({ deployments: [moved, deployment("new", 1)] });
    const next = await store.changesSince(first.seq);
    expect(ids(next.records.deployments)).toEqual([moved.id, "new"].sort());
    expect(next.records.deployments.find((d) => d.id === moved.id)?.environment).toBe("staging");
    expect(next.records.changes).toEqual([]);
    expect(next.records.branchPolicies).toBeUndefined();
    expect((await store.loadAt()).seq).toBe(next.seq);
  });

  test("branch policies follow as the whole list, only when one changed", async () => {
    const store = await open(fresh());
    const policy = { service: "checkout", repository: "acme/checkout", branch: "main" };
    await store.upsert({}, { policies: [{ ...policy, requiredChecks: ["build"] }] });
    const first = await store.changesSince(0);
    expect(first.records.branchPolicies).toEqual([{ ...policy, requiredChecks: ["build"] }]);
    await store.upsert({ deployments: [deployment("a", 1)] });
    expect((await store.changesSince(first.seq)).records.branchPolicies).toBeUndefined();
    await store.upsert({}, { policies: [{ ...policy, requiredChecks: ["build", "sast"] }] });
    const changed = await store.changesSince(first.seq);
    expect(changed.records.branchPolicies?.[0]?.requiredChecks).toEqual(["build", "sast"]);
  });

  test("a follower polling while two writers write sees every row exactly once", async () => {
    const options = fresh();
    const first = await open(options);
    const writers = [first, separate ? await open(options) : first];
    const follower = separate ? await open(options) : first;
    const seen = new Map<string, number>();
    let seq = 0;
    // One follower reads at a time, as a serving process's refreshes do.
    let following = Promise.resolve();
    const follow = () => {
      following = following.then(async () => {
        const view = await follower.changesSince(seq);
        for (const d of view.records.deployments) seen.set(d.id, (seen.get(d.id) ?? 0) + 1);
        seq = view.seq;
      });
      return following;
    };
    const writes = writers.map(async (writer, w) => {
      for (let i = 0; i < 30; i++) {
        await writer.upsert({ deployments: [deployment(`w${w}-${i}`, i)] });
        if (i % 5 === 0) await follow();
      }
    });
    await Promise.all(writes);
    await follow();
    expect(seen.size).toBe(60);
    expect([...seen].filter(([, n]) => n !== 1)).toEqual([]);
  });

  test("keeps the last served snapshot for the next start", async () => {
    const store = await open(fresh());
    expect(await store.servedSnapshot.load()).toBeUndefined();
    const kept = {
      configDigest: "abc",
      asOf: Date.UTC(2026, 5, 30),
      savedAt: Date.UTC(2026, 5, 30, 0, 0, 1),
      writeSeq: 42,
      samples: "[]",
      text: "# text\n",
      openMetrics: "# om\n",
    };
    await store.servedSnapshot.save(kept);
    await store.servedSnapshot.save({ ...kept, writeSeq: 43 });
    expect(await store.servedSnapshot.load()).toEqual({ ...kept, writeSeq: 43 });
  });
}
