import { expect, test } from "vitest";
import type { Incident, RecordSet } from "../../src/domain/records.ts";
import type { OpenStoreOptions } from "../../src/store/open.ts";
import { closedAfterEach, fullRecordSet } from "./fixtures.ts";

// The store contract, written once and run against each backend, so PGlite and
// PostgreSQL are held to exactly the same behaviour.

export interface BackendUnderTest {
  /** Options for a new, empty, isolated store. */
  fresh(): OpenStoreOptions;
  /** Options for an empty store that survives close() and can be opened again. */
  persistent(): Promise<OpenStoreOptions>;
}

const byBytes = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The fixture in the order load() promises: by identity, byte-wise. */
function inStoreOrder(set: RecordSet): RecordSet {
  const byId = <T extends { id: string }>(items: T[]) =>
    [...items].sort((a, b) => byBytes(a.id, b.id));
  return {
    deployments: byId(set.deployments),
    changes: byId(set.changes),
    incidents: byId(set.incidents),
    checks: [...set.checks].sort(
      (a, b) =>
        byBytes(a.commitSha, b.commitSha) ||
        byBytes(a.name, b.name) ||
        a.completedAt - b.completedAt ||
        byBytes(a.service ?? "", b.service ?? ""),
    ),
    vulnerabilities: byId(set.vulnerabilities),
    costs: byId(set.costs),
    experiments: byId(set.experiments),
  };
}

const written = (n: number) => ({ written: n, unchanged: 0 });
const unchanged = (n: number) => ({ written: 0, unchanged: n });

export function defineStoreSuite(backend: BackendUnderTest): void {
  const open = closedAfterEach();

  test("round-trips every kind with and without optional fields", async () => {
    const store = await open(backend.fresh());
    const counts = await store.upsert(fullRecordSet());
    expect(counts).toEqual({
      deployment: written(3),
      change: written(2),
      incident: written(2),
      check: written(2),
      vulnerability: written(2),
      cost: written(2),
      experiment: written(2),
    });
    expect(await store.load()).toStrictEqual(inStoreOrder(fullRecordSet()));
  });

  test("re-upserting identical records writes nothing", async () => {
    const store = await open(backend.fresh());
    await store.upsert(fullRecordSet());
    const again = await store.upsert(fullRecordSet());
    expect(again.deployment).toEqual(unchanged(3));
    expect(Object.values(again).every((c) => c.written === 0)).toBe(true);
    expect(await store.load()).toStrictEqual(inStoreOrder(fullRecordSet()));
  });

  test("updates a record in place and clears fields that became absent", async () => {
    const store = await open(backend.fresh());
    await store.upsert(fullRecordSet());
    const [resolved, unresolved] = fullRecordSet().incidents as [Incident, Incident];
    const { resolvedAt: _reopenedLater, ...reopened } = resolved;
    const nowResolved: Incident = {
      ...unresolved,
      resolvedAt: Date.parse("2026-03-02T12:00:00.5Z"),
    };
    const counts = await store.upsert({ incidents: [reopened, nowResolved] });
    expect(counts.incident).toEqual(written(2));
    const { incidents } = await store.load();
    expect(incidents).toStrictEqual([reopened, nowResolved]);
    expect((await store.counts()).incident).toBe(2);
  });

  test("counts records per kind", async () => {
    const store = await open(backend.fresh());
    const zero = await store.counts();
    expect(Object.values(zero)).toEqual([0, 0, 0, 0, 0, 0, 0]);
    await store.upsert(fullRecordSet());
    expect(await store.counts()).toEqual({
      deployment: 3,
      change: 2,
      incident: 2,
      check: 2,
      vulnerability: 2,
      cost: 2,
      experiment: 2,
    });
  });

  test("keeps records across close and re-open, migrating only once", async () => {
    const options = await backend.persistent();
    const first = await open(options);
    await first.upsert(fullRecordSet());
    await first.close();
    const second = await open(options);
    expect(await second.load()).toStrictEqual(inStoreOrder(fullRecordSet()));
    expect((await second.upsert(fullRecordSet())).change).toEqual(unchanged(2));
  });

  test("a failing record rolls back the whole upsert", async () => {
    const store = await open(backend.fresh());
    await store.upsert(fullRecordSet());
    const before = await store.load();
    const newDeployment = {
      ...before.deployments[0],
      id: "dep-new",
    } as RecordSet["deployments"][0];
    const brokenChange = { ...before.changes[0], service: undefined } as never;
    await expect(
      store.upsert({ deployments: [newDeployment], changes: [brokenChange] }),
    ).rejects.toThrow(/service/);
    expect(await store.load()).toStrictEqual(before);
  });

  test("keeps the last of duplicate identities and loads in byte order", async () => {
    const store = await open(backend.fresh());
    const base = fullRecordSet().vulnerabilities[1] as RecordSet["vulnerabilities"][0];
    const ids = ["b", "B", "a", "_", "b"];
    const items = ids.map((id, i) => ({ ...base, id, source: `scan-${i}` }));
    const counts = await store.upsert({ vulnerabilities: items });
    expect(counts.vulnerability).toEqual({ written: 4, unchanged: 1 });
    const loaded = (await store.load()).vulnerabilities;
    expect(loaded.map((v) => `${v.id}:${v.source}`)).toEqual([
      "B:scan-1",
      "_:scan-3",
      "a:scan-2",
      "b:scan-4",
    ]);
  });

  test("upserts tens of thousands of rows in one call", async () => {
    const store = await open(backend.fresh());
    const checks = Array.from({ length: 12_000 }, (_, i) => ({
      commitSha: `sha${i % 500}`,
      name: `check-${i}`,
      conclusion: i % 7 ? "success" : "failure",
      completedAt: 1_700_000_000_000 + i,
    }));
    expect((await store.upsert({ checks })).check).toEqual(written(12_000));
    expect((await store.upsert({ checks })).check).toEqual(unchanged(12_000));
    expect((await store.counts()).check).toBe(12_000);
  });
}
