import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { RecordSet } from "../../src/domain/records.ts";
import { LiveEngine } from "../../src/http/live-engine.ts";
import { type OpenStoreOptions, openStore } from "../../src/store/open.ts";
import type { Store } from "../../src/store/store.ts";
import { START } from "../engine/incremental-property-random.ts";
import { generateCase, type Step } from "../engine/incremental-property-steps.ts";
import { schemaPerStore } from "../support/pg-schemas.ts";
import { boundedConfig, difference } from "./bounded-compare.ts";
import { history } from "./bounded-history.ts";

// A serving process holds only what its KPIs can reach (METRICS.md decisions 144–147), read
// from the store by ranges and look-ups and kept current by deltas. Whatever it leaves in
// the store must not matter: with windows of 1 and 3 days over records spread across five
// weeks, most history lies behind the horizon, and random writes (old and new), clock
// ticks and restarts must give exactly a full recompute's exposition, and the same
// decisions for every deployment the working set calls exact — every one since the horizon.

const config = boundedConfig;
const databaseUrl = process.env.TEST_DATABASE_URL;

/** Deployments stored and held at the end of each case with history: not vacuous. */
const coverage = { stored: 0, held: 0 };

async function replay(store: Store, steps: readonly Step[], prelude?: Partial<RecordSet>) {
  if (prelude) await store.upsert(prelude);
  let asOf = START;
  let live = await LiveEngine.open(store, config, asOf);
  for (const [index, step] of steps.entries()) {
    if ("asOf" in step) asOf = step.asOf;
    else if ("restart" in step) live = await LiveEngine.open(store, config, asOf);
    else {
      await store.upsert(step.write, step.policies && { policies: step.policies });
      await live.catchUp();
    }
    const lines = step.compare ? await difference(live, store, asOf) : [];
    if (lines.length) return { index, asOf, lines };
  }
  if (prelude) {
    coverage.stored += (await store.counts()).deployment;
    coverage.held += live.counts().deployment;
  }
  return undefined;
}

function defineProperty(
  open: () => Promise<OpenStoreOptions>,
  seeds: number,
  count: number,
  historyDays = 0,
) {
  const cases = Array.from({ length: seeds }, (_, i) => [i + 1, count] as const);
  const name = historyDays ? `after ${historyDays} days of history` : "on the random records alone";
  test.each(cases)(`seed %i, %i steps ${name}: equals a full recompute`, async (seed) => {
    const steps = generateCase(seed, count);
    const store = await openStore(await open());
    try {
      const found = await replay(
        store,
        steps,
        historyDays ? history(seed, historyDays) : undefined,
      );
      const report = found && [
        `seed ${seed}: step ${found.index} differs at ${new Date(found.asOf).toISOString()}`,
        ...found.lines.slice(0, 30),
      ];
      expect(report?.join("\n")).toBeUndefined();
    } finally {
      await store.close();
    }
  });
}

describe("bounded working set on PGlite", () => {
  let dir = "";
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "kpi-bounded-"));
    await (await openStore({ dataDir: join(dir, "template") })).close();
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));
  let n = 0;
  const fresh = async () => {
    const dataDir = join(dir, `case-${++n}`);
    await cp(join(dir, "template"), dataDir, { recursive: true });
    return { dataDir };
  };
  const seeds = Number(process.env.BOUNDED_SEEDS ?? 8);
  defineProperty(fresh, seeds, 50);
  defineProperty(fresh, seeds, 40, 60);

  test("the cases left history behind the working set", () => {
    expect(coverage.stored).toBeGreaterThan(0);
    expect(coverage.held / coverage.stored).toBeLessThan(0.75);
  });
});

describe.skipIf(!databaseUrl)("bounded working set on PostgreSQL", () => {
  const nextSchema = schemaPerStore(databaseUrl, "kpi_bounded_test");
  defineProperty(async () => ({ databaseUrl, schema: nextSchema() }), 4, 30);
  defineProperty(async () => ({ databaseUrl, schema: nextSchema() }), 4, 30, 60);
});
