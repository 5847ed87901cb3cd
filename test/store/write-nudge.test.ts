import { afterEach, describe, expect, it } from "vitest";
import type { Deployment } from "../../src/domain/records.ts";
import { openStore } from "../../src/store/open.ts";
import type { Store } from "../../src/store/store.ts";
import type { WriteWatch } from "../../src/store/write-nudge.ts";
import { schemaPerStore } from "../support/pg-schemas.ts";

// Replicas hear of each other's writes through PostgreSQL's notifications: a committed write
// to one schema reaches the other watchers of that schema, from any process's connection,
// and neither a write that rolled back, one to another schema nor the watcher's own does.

const databaseUrl = process.env.TEST_DATABASE_URL;
const nextSchema = schemaPerStore(databaseUrl, "write_nudge");
const opened: Store[] = [];
const watches: WriteWatch[] = [];

afterEach(async () => {
  for (const watch of watches.splice(0)) await watch.close();
  for (const store of opened.splice(0)) await store.close();
});

async function open(schema: string): Promise<Store> {
  const store = await openStore({ databaseUrl, schema });
  opened.push(store);
  return store;
}

const deployment = (id: string): Deployment => ({
  id,
  service: "checkout",
  environment: "production",
  finishedAt: Date.UTC(2026, 5, 1),
  commitSha: id.padEnd(40, "0"),
  status: "success",
  approvals: [],
});

/** Counts the notifications a store's watch receives. */
async function heard(store: Store) {
  const times: number[] = [];
  const watch = await store.watchWrites?.(() => times.push(Date.now()));
  if (!watch) throw new Error("a PostgreSQL store watches writes");
  watches.push(watch);
  return times;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

describe.runIf(databaseUrl)("write notifications on PostgreSQL", () => {
  it("tell a watcher of its schema of each write another connection commits", async () => {
    const schema = nextSchema();
    const [follower, writer] = [await open(schema), await open(schema)];
    const times = await heard(follower);
    await writer.upsert({ deployments: [deployment("a")] });
    await writer.upsert({ deployments: [deployment("b")] });
    await settle();
    expect(times).toHaveLength(2);
    expect(await follower.writeSeq()).toBe(await writer.writeSeq());
  });

  it("say nothing of writes to another schema, of the watcher's own, nor of empty ones", async () => {
    const [mine, other] = [await open(nextSchema()), await open(nextSchema())];
    const times = await heard(mine);
    await other.upsert({ deployments: [deployment("c")] });
    // A store follows its own writes already: told again, it would refresh twice.
    await mine.upsert({ deployments: [deployment("e")] });
    await mine.upsert({});
    await settle();
    expect(times).toEqual([]);
  });

  it("say nothing of a write that rolled back", async () => {
    const schema = nextSchema();
    const [follower, writer] = [await open(schema), await open(schema)];
    const times = await heard(follower);
    // A record the table refuses (no service) fails the write's transaction.
    const broken = { ...deployment("d"), service: null } as unknown as Deployment;
    await expect(writer.upsert({ deployments: [broken] })).rejects.toThrow();
    await settle();
    expect(times).toEqual([]);
  });

  it("are not offered by the embedded store, which has one process", async () => {
    const embedded = await openStore({});
    opened.push(embedded);
    expect(embedded.watchWrites).toBeUndefined();
  });
});
