import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Deployment, Incident } from "../../src/domain/records.ts";
import { IncrementalEngine } from "../../src/engine/incremental.ts";
import { type OpenStoreOptions, openStore } from "../../src/store/open.ts";
import { schemaPerStore } from "../support/pg-schemas.ts";
import { difference, replay } from "./incremental-property-compare.ts";
import { RELATIONS, relationsReached } from "./incremental-property-coverage.ts";
import { HOUR, SHAS, START } from "./incremental-property-random.ts";
import { generateCase, propertyConfig } from "./incremental-property-steps.ts";

// The serving engine updates its KPIs from the rows each write changed and from clock
// ticks; whatever it skips must not matter. Random interleavings of writes (through the
// store, as serve feeds it) and ticks, forwards and back, must give exactly the exposition
// and the per-deployment decisions of a full recompute over everything stored. A failure
// names its seed; `vitest run -t "seed 17,"` replays that case alone.

const config = propertyConfig();
const databaseUrl = process.env.TEST_DATABASE_URL;
const PGLITE = { seeds: 16, steps: 50 };
const cases = (n: number, steps: number) =>
  Array.from({ length: n }, (_, i) => [i + 1, steps] as const);

function defineProperty(open: () => Promise<OpenStoreOptions>, seeds: number, count: number) {
  test.each(cases(seeds, count))("seed %i, %i steps: equals a full recompute", async (seed) => {
    const steps = generateCase(seed, count);
    const store = await openStore(await open());
    try {
      const found = await replay(config, store, steps);
      const report = found && [
        `seed ${seed}: step ${found.index} differs at ${new Date(found.asOf).toISOString()}`,
        ...found.lines.slice(0, 40),
        "steps:",
        ...steps.slice(0, found.index + 1).map((s, i) => `${i} ${JSON.stringify(s)}`),
      ];
      expect(report?.join("\n")).toBeUndefined();
    } finally {
      await store.close();
    }
  });
}

describe("incremental engine on PGlite", () => {
  // A fresh store per seed, copied from one migrated data directory: creating a database
  // from nothing costs about a second, more than the whole case.
  let dir = "";
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "kpi-incremental-"));
    await (await openStore({ dataDir: join(dir, "template") })).close();
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));
  let n = 0;
  const fresh = async () => {
    const dataDir = join(dir, `case-${++n}`);
    await cp(join(dir, "template"), dataDir, { recursive: true });
    return { dataDir };
  };
  defineProperty(fresh, PGLITE.seeds, PGLITE.steps);

  test("the cases reach every relation the KPIs have", () => {
    const all = cases(PGLITE.seeds, PGLITE.steps).map(([seed, n]) => generateCase(seed, n));
    const reached = relationsReached(config, all);
    expect(RELATIONS.filter((relation) => !reached.has(relation))).toEqual([]);
  });

  test("the comparison sees a write the engine was not given", async () => {
    const store = await openStore(await fresh());
    try {
      const opened = await store.loadAt();
      const engine = new IncrementalEngine(config, opened.records);
      const at = START - HOUR;
      const deployed: Deployment = {
        ...{ id: "d0", service: "checkout", environment: "prod", finishedAt: at },
        ...{ commitSha: SHAS[3] as string, status: "success", approvals: [] },
      };
      const incident: Incident = { id: "i0", service: "checkout", startedAt: at };
      await store.upsert({ deployments: [deployed] });
      engine.apply((await store.changesSince(opened.seq)).records);
      expect(await difference(config, engine, store, START)).toEqual([]);
      await store.upsert({ incidents: [{ ...incident, deploymentId: "d0" }] }); // never applied
      const lines = await difference(config, engine, store, START);
      expect(lines.some((l) => l.startsWith("metrics - dora_change_failure_ratio"))).toBe(true);
      expect(lines.some((l) => l.startsWith("analysis -") && l.includes('"i0"'))).toBe(true);
    } finally {
      await store.close();
    }
  });
});

if (!databaseUrl) {
  if (process.env.CI === "true")
    test("incremental engine on PostgreSQL", () => {
      throw new Error("TEST_DATABASE_URL is required under CI");
    });
  else console.warn("skipping incremental engine on PostgreSQL: TEST_DATABASE_URL is not set");
}

describe.skipIf(!databaseUrl)("incremental engine on PostgreSQL", () => {
  const nextSchema = schemaPerStore(databaseUrl, "kpi_incremental_test");
  defineProperty(async () => ({ databaseUrl, schema: nextSchema() }), 8, 20);
});
