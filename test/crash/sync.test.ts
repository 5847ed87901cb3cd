import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, expect, it } from "vitest";
import { syntheticGitHubOrg } from "../../bench/github-org.ts";
import { type FakeGitHub, startFakeGitHub } from "../support/fake-github/index.ts";
import { startServe } from "../support/serve.ts";
import { type CrashStore, forEachBackend } from "./backends.ts";
import { AS_OF, KillJournal, randomStream, runKpi } from "./crash-process.ts";
import { expectConverged, expectLedgerVerifies, leftStaleLock, stateOf } from "./store-state.ts";

// The GitHub collector killed with SIGKILL mid-run against the fake GitHub: as `sync`,
// and as the poll `serve` starts once it listens, in turns on one store. Records, cursors
// and conditional-request validators are written as the run goes; whatever a kill leaves,
// the next run must pick up from it, and a last clean `sync` must end with the store of
// one clean `sync`.

const KILLS = 6;
const TOKEN = "crash-github-token";

forEachBackend("GitHub collector killed with SIGKILL", (backend) => {
  let fake: FakeGitHub;
  let common: string[];
  beforeAll(async () => {
    // Six repositories, a few hundred records: a run of seconds, mostly HTTP round trips.
    const end = new Date(AS_OF);
    const org = syntheticGitHubOrg({ repos: 6, pulls: 120, deployments: 36, checkRuns: 360, end });
    fake = await startFakeGitHub({ org, token: TOKEN });
    const services = org.repos.map(
      (r) => `{ name: ${r.name}, repositories: [${r.owner}/${r.name}] }`,
    );
    const config = join(backend.dir(), "config.yaml");
    await writeFile(
      config,
      `version: kpi-exporter/v1\nsources:\n  github: { base_url: "${fake.url}", history_days: 180 }\nteams:\n  - name: platform\n    services: [${services.join(", ")}]\n`,
    );
    common = ["--config", config, "--as-of", AS_OF];
  });
  afterAll(() => fake?.close());

  it(`converges after ${KILLS} kills of sync and serve to one clean sync`, async () => {
    const journal = new KillJournal(`GitHub collector on ${backend.name}`);
    const random = randomStream(`sync ${backend.name}`);
    const sync = (store: CrashStore, killAt?: number) =>
      runKpi(["sync", ...common, ...store.args], { ...store.env, GITHUB_TOKEN: TOKEN }, killAt);

    const reference = await backend.fresh("reference");
    const clean = await sync(reference);
    expect(clean.code, clean.stdout + clean.stderr).toBe(0);
    const collecting =
      1000 * Number(/github: ok; \d+ records written in ([\d.]+) s/.exec(clean.stdout)?.[1]);
    expect(collecting).toBeGreaterThan(0);

    const crashed = await backend.fresh("crashed");
    let window = clean.ms;
    /** The pid of a `sync` killed at a random instant of a run, or undefined if it ended first. */
    const killSync = async (round: number) => {
      const at = Math.round(random.next() * window);
      const run = await sync(crashed, at);
      if (run.signal === "SIGKILL") {
        journal.note(`sync ${round}: killed at ${at} ms`);
        return run.pid;
      }
      journal.note(
        `sync ${round}: finished in ${Math.round(run.ms)} ms, before its kill at ${at} ms`,
      );
      expect(run.code, run.stdout + run.stderr).toBe(0);
      window = run.ms;
      return undefined;
    };
    /**
     * serve polls at once when it listens: the kill is drawn over that poll's length, learnt
     * from the last serve whose poll finished (re-polls answered 304 are shorter).
     */
    let polling = collecting;
    const killServe = async (round: number) => {
      const serve = await startServe([...common, ...crashed.args], {
        ...crashed.env,
        GITHUB_TOKEN: TOKEN,
      });
      const listening = performance.now();
      let polled: number | undefined;
      serve.child.stderr?.on("data", () => {
        if (polled === undefined && serve.log().includes("collector run finished"))
          polled = performance.now() - listening;
      });
      const at = Math.round(random.next() * polling);
      await sleep(at);
      serve.child.kill("SIGKILL");
      await serve.exitCode;
      const done = polled === undefined ? "" : `, after its poll ended at ${Math.round(polled)} ms`;
      journal.note(`serve ${round}: killed ${at} ms after it listened${done}`);
      if (polled !== undefined) polling = polled;
      return serve.child.pid;
    };
    let kills = 0;
    let staleLocks = 0;
    for (let round = 1; kills < KILLS && round <= 2 * KILLS; round++) {
      const pid = round % 2 === 1 ? await killSync(round) : await killServe(round);
      if (pid === undefined) continue;
      kills++;
      // A sync killed while Node starts has no lock yet; one killed later leaves it stale.
      if (leftStaleLock(crashed, pid)) staleLocks++;
    }
    expect(kills, String(journal)).toBe(KILLS);
    if (backend.name === "PGlite") expect(staleLocks, String(journal)).toBeGreaterThan(0);

    const final = await sync(crashed);
    expect(final.code, final.stdout + final.stderr).toBe(0);
    expect(crashed.leftovers()).toEqual([]);
    expectConverged(await stateOf(crashed, common), await stateOf(reference, common), {
      exactLedger: false,
    });
    await expectLedgerVerifies(crashed, common);
  }, 300_000);
});
