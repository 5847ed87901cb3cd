import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Change, Deployment, Incident, RecordSet } from "../../src/domain/records.ts";
import { LiveEngine } from "../../src/http/live-engine.ts";
import { horizonOf } from "../../src/http/working-set-bounds.ts";
import { type OpenStoreOptions, openStore } from "../../src/store/open.ts";
import type { Store } from "../../src/store/store.ts";
import { DAY, HOUR, START } from "../engine/incremental-property-random.ts";
import { schemaPerStore } from "../support/pg-schemas.ts";
import { boundedConfig, difference } from "./bounded-compare.ts";

// Hand-built cases against the bounded working set (METRICS.md decisions 144–148): each
// checks one rule by which a windowed KPI or an exact deployment's facts could depend on
// a record the bounded read leaves in the store.

const config = boundedConfig;
const databaseUrl = process.env.TEST_DATABASE_URL;
const nextSchema = schemaPerStore(databaseUrl, "kpi_bounded_cases");
const asOf = START;
const H = horizonOf(config, asOf); // asOf − 3d − 12h

const sha = (c: string) => c.repeat(40).slice(0, 40);

function dep(
  id: string,
  service: string,
  finishedAt: number,
  commit: string,
  extra: Partial<Deployment> = {},
): Deployment {
  return {
    id,
    service,
    environment: "prod",
    finishedAt,
    commitSha: commit,
    status: "success",
    approvals: [{ by: "carol", at: finishedAt - HOUR }],
    ...extra,
  };
}

function chg(id: string, service: string, mergedAt: number, extra: Partial<Change> = {}): Change {
  return {
    id,
    service,
    mergedAt,
    labels: [],
    author: "alice",
    commits: [],
    linkedItems: [],
    approvals: [{ by: "bob", at: mergedAt - HOUR }],
    ...extra,
  };
}

function inc(id: string, service: string, startedAt: number, extra: Partial<Incident> = {}) {
  return { id, service, startedAt, ...extra } as Incident;
}

// A fresh PGlite store per case, copied from one migrated data directory: creating one
// from nothing costs about two seconds, more than the case.
const template = {
  dir: "",
  n: 0,
  async copy(): Promise<OpenStoreOptions> {
    const dataDir = join(this.dir, `case-${++this.n}`);
    await cp(join(this.dir, "template"), dataDir, { recursive: true });
    return { dataDir };
  },
};
beforeAll(async () => {
  template.dir = await mkdtemp(join(tmpdir(), "kpi-bounded-cases-"));
  await (await openStore({ dataDir: join(template.dir, "template") })).close();
});
afterAll(() => rm(template.dir, { recursive: true, force: true }));

/** Opens a store with `initial`, compares, then for each write upserts, catches up, compares. */
async function run(initial: Partial<RecordSet>, writes: Partial<RecordSet>[] = [], at = asOf) {
  const found: string[] = [];
  const backends: Array<{ name: string; options: OpenStoreOptions }> = [
    { name: "PGlite", options: await template.copy() },
  ];
  if (databaseUrl)
    backends.push({ name: "PostgreSQL", options: { databaseUrl, schema: nextSchema() } });
  for (const { name, options } of backends) {
    const lines = await runOn(await openStore(options), initial, writes, at);
    if (lines) found.push(`on ${name}:`, lines);
  }
  return found.join("\n");
}

async function runOn(
  store: Store,
  initial: Partial<RecordSet>,
  writes: Partial<RecordSet>[],
  at: number,
) {
  try {
    await store.upsert(initial);
    const live = await LiveEngine.open(store, config, at);
    const out: string[] = [];
    const first = await difference(live, store, at);
    if (first.length) out.push("after the initial read:", ...first);
    for (const [k, write] of writes.entries()) {
      await store.upsert(write);
      await live.catchUp();
      const lines = await difference(live, store, at);
      if (lines.length) out.push(`after write ${k}:`, ...lines);
    }
    return out.join("\n");
  } finally {
    await store.close();
  }
}

// An anchor of checkout: merge order, clean, before the horizon. C merged before it, so it
// ships with the anchor and is not held. N is merge order, inside the window.
const anchorHistory = (): Partial<RecordSet> => ({
  deployments: [
    dep("a-0", "checkout", H - 2 * DAY, sha("0")),
    dep("a-1", "checkout", H - DAY, sha("1")),
    dep("a-2", "checkout", asOf - HOUR, sha("2")),
  ],
  changes: [chg("c-old", "checkout", H - DAY - HOUR)],
});

describe("an update to the anchor deployment itself", () => {
  test("anchor becomes a failure: its change ships with the next merge-order deployment", async () => {
    const history = anchorHistory();
    const anchor = history.deployments?.[1] as Deployment;
    expect(await run(history, [{ deployments: [{ ...anchor, status: "failure" }] }])).toBe("");
  });

  test("anchor gains a list: its unlisted change ships with the next merge-order deployment", async () => {
    const history = anchorHistory();
    const anchor = history.deployments?.[1] as Deployment;
    expect(await run(history, [{ deployments: [{ ...anchor, changes: [] }] }])).toBe("");
  });

  test("anchor gains a rollback mark: it ships nothing, its change ships later", async () => {
    const history = anchorHistory();
    const anchor = history.deployments?.[1] as Deployment;
    expect(await run(history, [{ deployments: [{ ...anchor, rollbackOf: "a-0" }] }])).toBe("");
  });

  test("anchor becomes an ancestor of the previous commit: a rollback, its change ships later", async () => {
    const history = anchorHistory();
    const anchor = history.deployments?.[1] as Deployment;
    expect(await run(history, [{ deployments: [{ ...anchor, ancestorOfPrevious: true }] }])).toBe(
      "",
    );
  });

  test("anchor moves into the window: what it ships counts there", async () => {
    const history = anchorHistory();
    const anchor = history.deployments?.[1] as Deployment;
    expect(
      await run(history, [{ deployments: [{ ...anchor, finishedAt: asOf - 2 * HOUR }] }]),
    ).toBe("");
  });

  test("a deployment after the anchor moves behind it (re-read by finish)", async () => {
    const history = anchorHistory();
    const n = history.deployments?.[2] as Deployment;
    expect(await run(history, [{ deployments: [{ ...n, finishedAt: H - 3 * DAY }] }])).toBe("");
  });
});

describe("rollback marks across services", () => {
  // checkout's start moves back (an incident in the window names an old deployment by id),
  // so t-a, behind the horizon, becomes exact; billing's rollback r-b marks it, and lies
  // behind billing's own (unmoved) anchor.
  const records = (): Partial<RecordSet> => ({
    deployments: [
      dep("a-first", "checkout", H - 9 * DAY, sha("a")),
      dep("a-old", "checkout", H - 8 * DAY, sha("b")),
      dep("t-a", "checkout", H - 4 * DAY, sha("c")),
      dep("a-anchor", "checkout", H - DAY, sha("d")),
      dep("a-new", "checkout", asOf - 2 * HOUR, sha("e")),
      dep("b-old", "billing", H - 6 * DAY, sha("f")),
      dep("r-b", "billing", H - 3 * DAY, sha("1"), { rollbackOf: "t-a" }),
      dep("b-anchor", "billing", H - DAY, sha("2")),
      dep("b-new", "billing", asOf - 3 * HOUR, sha("3")),
    ],
    incidents: [
      inc("i-old", "checkout", asOf - 5 * HOUR, {
        resolvedAt: asOf - 4 * HOUR,
        deploymentId: "a-old",
      }),
    ],
  });

  test("a rollback in another service behind its start fails an exact deployment", async () => {
    expect(await run(records())).toBe("");
  });

  test("the same rollback in the target's own service (passes: it lies after the target)", async () => {
    const r = records();
    r.deployments = r.deployments?.map((d) => (d.id === "r-b" ? { ...d, service: "checkout" } : d));
    expect(await run(r)).toBe("");
  });

  test("a held rollback marking a deployment behind another service's start reaches it", async () => {
    expect(
      await run({
        deployments: [
          dep("x-0", "checkout", H - 5 * DAY, sha("a")),
          dep("x-1", "checkout", H - DAY, sha("b")),
          dep("y-0", "billing", H - DAY, sha("c")),
          dep("y-r", "billing", asOf - HOUR, sha("d"), { rollbackOf: "x-0" }),
        ],
      }),
    ).toBe("");
  });
});

describe("ties in finish time", () => {
  // Two production deployments finish at the same instant: SQL orders ids COLLATE "C"
  // (UTF-8 bytes), the engine by JS string comparison (UTF-16 units). For U+FFFF against a
  // character beyond the BMP the two orders disagree.
  const X = "d-\uffff";
  const Y = "d-\u{10000}";
  test("tied anchor candidates with ids ordered differently by SQL and JS", async () => {
    const t = H - DAY;
    expect(
      await run({
        deployments: [
          dep("d-0", "checkout", H - 2 * DAY, sha("c"), { changes: [] }),
          dep(X, "checkout", t, sha("a"), { changes: [] }),
          dep(Y, "checkout", t, sha("b"), { changes: [] }),
          dep("d-n", "checkout", asOf - HOUR, sha("b"), { changes: [] }),
        ],
      }),
    ).toBe("");
  });

  test("tied anchor candidates with ASCII ids (passes)", async () => {
    const t = H - DAY;
    expect(
      await run({
        deployments: [
          dep("d-0", "checkout", H - 2 * DAY, sha("c"), { changes: [] }),
          dep("d-x", "checkout", t, sha("a"), { changes: [] }),
          dep("d-y", "checkout", t, sha("b"), { changes: [] }),
          dep("d-n", "checkout", asOf - HOUR, sha("b"), { changes: [] }),
        ],
      }),
    ).toBe("");
  });

  test("a change merged exactly at the merge-order anchor's finish ships later (passes)", async () => {
    expect(
      await run({
        deployments: [
          dep("a-0", "checkout", H - 2 * DAY, sha("0")),
          dep("a-1", "checkout", H - DAY, sha("1")),
          dep("a-2", "checkout", asOf - HOUR, sha("2")),
        ],
        changes: [chg("c-tie", "checkout", H - DAY)],
      }),
    ).toBe("");
  });
});

describe("incident links", () => {
  test("an unresolved incident started within the attribution window after the anchor", async () => {
    expect(
      await run({
        deployments: [
          dep("a-0", "checkout", H - 2 * DAY, sha("0")),
          dep("a-1", "checkout", H - DAY, sha("1")),
          dep("a-2", "checkout", asOf - HOUR, sha("2")),
        ],
        incidents: [inc("i-1", "checkout", H - DAY + 6 * HOUR)],
      }),
    ).toBe("");
  });

  test("an incident in the window naming an old deployment of another service by commit prefix", async () => {
    expect(
      await run({
        deployments: [
          dep("a-0", "checkout", H - 6 * DAY, `abcdef1${sha("9").slice(7)}`),
          dep("a-1", "checkout", H - DAY, sha("1")),
          dep("b-1", "billing", H - DAY, sha("2")),
          dep("b-2", "billing", asOf - HOUR, sha("3")),
        ],
        incidents: [
          inc("i-1", "billing", asOf - 5 * HOUR, {
            resolvedAt: asOf - 2 * HOUR,
            commitSha: "ABCDEF1",
          }),
        ],
      }),
    ).toBe("");
  });

  test("an incident in the window naming by change id a change shipped behind the start", async () => {
    expect(
      await run({
        deployments: [
          dep("a-0", "checkout", H - 6 * DAY, sha("0"), { changes: ["c-1"] }),
          dep("a-1", "checkout", H - DAY, sha("1"), { changes: [] }),
          dep("a-2", "checkout", asOf - HOUR, sha("2"), { changes: [] }),
        ],
        changes: [chg("c-1", "checkout", H - 7 * DAY)],
        incidents: [
          inc("i-1", "gateway", asOf - 5 * HOUR, { resolvedAt: asOf - 2 * HOUR, changeId: "c-1" }),
        ],
      }),
    ).toBe("");
  });

  test("a written incident naming an old deployment by id (re-read)", async () => {
    expect(
      await run(
        {
          deployments: [
            dep("a-0", "checkout", H - 6 * DAY, sha("0")),
            dep("a-1", "checkout", H - DAY, sha("1")),
            dep("a-2", "checkout", asOf - HOUR, sha("2")),
          ],
        },
        [
          {
            incidents: [
              inc("i-1", "checkout", asOf - 5 * HOUR, {
                resolvedAt: asOf - 2 * HOUR,
                deploymentId: "a-0",
              }),
            ],
          },
        ],
      ),
    ).toBe("");
  });
});

describe("changes listed by several deployments", () => {
  test("a change listed behind the start and again in the window ships with the earliest", async () => {
    expect(
      await run({
        deployments: [
          dep("a-0", "checkout", H - 6 * DAY, sha("0"), { changes: ["c-1"] }),
          dep("a-1", "checkout", H - DAY, sha("1"), { changes: [] }),
          dep("a-2", "checkout", asOf - HOUR, sha("2"), { changes: ["c-1"] }),
        ],
        changes: [chg("c-1", "checkout", asOf - 2 * HOUR)],
      }),
    ).toBe("");
  });

  test("a change written later that a deployment behind the start lists (re-read)", async () => {
    expect(
      await run(
        {
          deployments: [
            dep("a-0", "checkout", H - 6 * DAY, sha("0"), { changes: ["c-1"] }),
            dep("a-1", "checkout", H - DAY, sha("1"), { changes: [] }),
            dep("a-2", "checkout", asOf - HOUR, sha("2"), { changes: ["c-1"] }),
          ],
        },
        [{ changes: [chg("c-1", "checkout", asOf - 2 * HOUR)] }],
      ),
    ).toBe("");
  });
});

describe("rollback and redeploy by commit", () => {
  test("a deployment in the window redeploying a commit from behind the start", async () => {
    expect(
      await run({
        deployments: [
          dep("a-0", "checkout", H - 6 * DAY, sha("0")),
          dep("a-1", "checkout", H - DAY, sha("1")),
          dep("a-2", "checkout", asOf - 2 * HOUR, sha("2")),
          dep("a-3", "checkout", asOf - HOUR, sha("0")),
        ],
      }),
    ).toBe("");
  });

  test("a written deployment in the window rolling back to a commit behind the start", async () => {
    expect(
      await run(
        {
          deployments: [
            dep("a-0", "checkout", H - 6 * DAY, sha("0")),
            dep("a-1", "checkout", H - DAY, sha("1")),
            dep("a-2", "checkout", asOf - 2 * HOUR, sha("2")),
          ],
        },
        [{ deployments: [dep("a-3", "checkout", asOf - HOUR, sha("0"))] }],
      ),
    ).toBe("");
  });
});

describe("counts, findings, costs, services", () => {
  test("dora_deployments_total counts successful deployments behind the start", async () => {
    expect(
      await run({
        deployments: [
          dep("a-0", "checkout", H - 6 * DAY, sha("0"), { environment: "staging" }),
          dep("a-1", "checkout", H - 5 * DAY, sha("1"), { environment: "dev" }),
          dep("a-2", "checkout", H - DAY, sha("2")),
          dep("a-3", "checkout", asOf - HOUR, sha("3")),
        ],
      }),
    ).toBe("");
  });

  test("a service first seen in a write, with history behind the horizon", async () => {
    expect(
      await run({ deployments: [dep("a-1", "checkout", H - DAY, sha("1"))] }, [
        {
          deployments: [
            dep("w-0", "warehouse", H - 5 * DAY, sha("5")),
            dep("w-1", "warehouse", asOf - HOUR, sha("6")),
          ],
          changes: [chg("wc-0", "warehouse", H - 6 * DAY)],
        },
      ]),
    ).toBe("");
  });

  test("a new production environment name behind the start (re-read)", async () => {
    expect(
      await run(
        {
          deployments: [
            dep("a-0", "checkout", H - 6 * DAY, sha("0")),
            dep("a-1", "checkout", H - DAY, sha("1")),
          ],
        },
        [
          {
            deployments: [
              dep("a-2", "checkout", asOf - HOUR, sha("2"), { environment: "PRODUCTION" }),
            ],
          },
        ],
      ),
    ).toBe("");
  });

  test("a service's only finding was fixed long ago: its series exist at 0", async () => {
    expect(
      await run({
        deployments: [dep("a-1", "checkout", H - DAY, sha("1"))],
        vulnerabilities: [
          {
            id: "v-1",
            service: "checkout",
            severity: "high",
            openedAt: H - 10 * DAY,
            fixedAt: H - 9 * DAY,
          },
        ],
      }),
    ).toBe("");
  });
});
