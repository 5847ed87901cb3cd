import { describe, expect, it } from "vitest";
import { KPI_FAMILIES } from "../../src/engine/families.ts";
import { IncrementalEngine } from "../../src/engine/incremental.ts";
import { AS_OF, change, config, deployment, incident, ms, records } from "./helpers.ts";

// A serving refresh hands the event loop back between its passes, so a scrape waits for
// one pass, never the refresh: between every KPI family of every window (DORA's quantiles
// over every change are one family) and between the assembly's passes over every
// deployment. Counted in event-loop turns taken while the refresh runs.

const data = () =>
  records({
    deployments: [
      deployment({ id: "d1", at: "2026-06-20" }),
      deployment({ id: "d2", at: "2026-06-25", service: "gateway" }),
    ],
    changes: [change({ id: "c1", mergedAt: "2026-06-19" })],
    incidents: [incident({ id: "i1", startedAt: "2026-06-21", resolvedAt: "2026-06-22" })],
  });

/** The refresh's result and how many times it let other work run. */
async function turnsOf<T>(refresh: () => Promise<T>): Promise<{ turns: number; result: T }> {
  let turns = 0;
  let done = false;
  const tick = () => {
    if (done) return;
    turns++;
    setImmediate(tick);
  };
  setImmediate(tick);
  const result = await refresh();
  done = true;
  return { turns, result };
}

describe("a sliced refresh", () => {
  it("hands back between each family of each window and between the assembly's passes", async () => {
    const engine = new IncrementalEngine(config(), data());
    const { turns, result } = await turnsOf(() => engine.computeSliced(ms(AS_OF)));
    const windows = config().windows.length;
    // Three assembly passes, four bucket kinds, then every family of every window.
    expect(turns).toBeGreaterThanOrEqual(3 + 4 + windows * KPI_FAMILIES.length);
    const again = new IncrementalEngine(config(), data()).compute(ms(AS_OF));
    expect(result.snapshot).toEqual(again.snapshot);
  });
});
