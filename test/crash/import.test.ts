import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { expect, it } from "vitest";
import { generateDemoEvents } from "../../src/demo/generate.ts";
import { forEachBackend } from "./backends.ts";
import { AS_OF, KillJournal, randomStream, runKpi } from "./crash-process.ts";
import { expectConverged, expectLedgerVerifies, leftStaleLock, stateOf } from "./store-state.ts";

// `import` killed with SIGKILL at seeded random instants, again and again on one store,
// then run to completion: the store must reopen every time without help, and end as the
// store of one clean import of the same file, evidence ledger included. Each kill falls
// anywhere in a run: opening or migrating the store, between or inside the upsert
// transactions (2,000 records each), or while the ledger is appended.

const KILLS = 10;
const CONFIG = join(import.meta.dirname, "../../examples/demo.yaml");
const common = ["--config", CONFIG, "--as-of", AS_OF];

forEachBackend("import killed with SIGKILL", (backend) => {
  it(`converges after ${KILLS} kills to the store of one clean import`, async () => {
    const journal = new KillJournal(`import on ${backend.name}`);
    const random = randomStream(`import ${backend.name}`);
    // 60 days of the demo organisation: 5,600 records, three upsert transactions.
    const lines = generateDemoEvents({ asOf: Date.parse(AS_OF), days: 60 });
    const file = join(backend.dir(), "events.ndjson");
    await writeFile(file, `${lines.join("\n")}\n`);

    const reference = await backend.fresh("reference");
    const clean = await runKpi(["import", ...common, ...reference.args, file], reference.env);
    expect(clean.code, clean.stderr).toBe(0);
    expect(clean.stdout).toContain(`${lines.length} written, 0 unchanged, 0 rejected`);

    const crashed = await backend.fresh("crashed");
    // Kills are drawn over the length of a whole run, learnt from the last one that
    // finished: a fresh store (PGlite creates its cluster) takes longer than a reopened one.
    let window = clean.ms;
    let kills = 0;
    let staleLocks = 0;
    for (let round = 1; kills < KILLS && round <= 3 * KILLS; round++) {
      const at = Math.round(random.next() * window);
      const run = await runKpi(["import", ...common, ...crashed.args, file], crashed.env, at);
      if (run.signal === "SIGKILL") {
        kills++;
        const stale = leftStaleLock(crashed, run.pid);
        if (stale) staleLocks++;
        journal.note(`run ${round}: killed at ${at} ms${stale ? ", its lock left behind" : ""}`);
        continue;
      }
      journal.note(
        `run ${round}: finished in ${Math.round(run.ms)} ms, before its kill at ${at} ms`,
      );
      // Every run that was not killed must succeed: the store reopened after the kills.
      expect(run.code, run.stderr).toBe(0);
      window = run.ms;
    }
    expect(kills, String(journal)).toBe(KILLS);

    const final = await runKpi(["import", ...common, ...crashed.args, file], crashed.env);
    expect(final.code, final.stderr).toBe(0);
    expect(final.stdout).toContain(`0 rejected (`);
    // Nothing needed cleaning by hand: the next process took over each killed one's lock.
    expect(crashed.leftovers()).toEqual([]);
    if (backend.name === "PGlite") expect(staleLocks, String(journal)).toBeGreaterThan(0);

    expectConverged(await stateOf(crashed, common), await stateOf(reference, common), {
      exactLedger: true,
    });
    await expectLedgerVerifies(crashed, common);
  }, 300_000);
});
