// Independent check of METRICS.md decision 156's `evidence verify` on a store that retention
// pruned, through the real command line, written from the rule text alone: "It also names a
// base above 0 with no archive in the config, and a horizon later than now − `records` (or
// any horizon without a `retention` section)".
//
// The store is the 8-year store of fixture.ts after one run at `now` (7y, a directory
// archive): the base is record 5 (the end of [1-5]) and the horizon now − 7y (see
// retention-rules.test.ts). verify then runs a few seconds later, by the wall clock, with:
// - the run's own config: intact (exit 0), the control for the two below;
// - the same config with no `retention` section: no archive, so the base (5, above 0) is
//   named, and a horizon stands without a retention section, so it is named too (exit 1);
// - `records: 8y` (and `ledger: 8y`, never shorter), archive kept: now − 8y is before the
//   noted horizon now − 7y, so the horizon is named (exit 1); the archive is intact.
//
// Reading: "names" is taken as: the output gives the base as its record ("record 5", "seq 5"
// or "base 5") and the horizon as its instant (ISO 8601, UTC), among the reasons for exit 1.
// The configs require [ci, sast], the policy the store's last records were judged under.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { runRetention } from "../../../src/retention/run-retention.ts";
import { openStore } from "../../../src/store/open.ts";
import type { Store } from "../../../src/store/store.ts";
import { runCli } from "../../support/cli.ts";
import { databaseUrlInSchema, schemaPerStore } from "../../support/pg-schemas.ts";
import { buildEightYears, cal, configOf, configText } from "./fixture.ts";

const REQUIRED = "[ci, sast]";
/** The base, record 5, named as a record. */
const BASE = /\b(record|seq|base)\s*#?5\b/i;
const databaseUrl = process.env.TEST_DATABASE_URL;

interface Backend {
  name: string;
  /** Creates the store's place; returns how to open it here and how the CLI reaches it. */
  place(
    dir: string,
  ): Promise<{ open(): Promise<Store>; args: string[]; env: Record<string, string> }>;
}

const nextSchema = schemaPerStore(databaseUrl, "ret_ind_verify");
const backends: Backend[] = [
  {
    name: "PGlite",
    place: async (dir) => {
      const dataDir = join(dir, "store");
      return { open: () => openStore({ dataDir }), args: ["--data-dir", dataDir], env: {} };
    },
  },
  ...(databaseUrl
    ? [
        {
          name: "PostgreSQL",
          place: async (dir: string) => {
            const schema = nextSchema();
            const url = await databaseUrlInSchema(databaseUrl, schema);
            return {
              open: () => openStore({ databaseUrl, schema }),
              args: ["--data-dir", join(dir, "unused")],
              env: { DATABASE_URL: url },
            };
          },
        },
      ]
    : []),
];

describe.each(backends)("evidence verify after a prune on $name", (backend) => {
  let dir = "";
  let args: string[] = [];
  let env: Record<string, string> = {};
  /** The horizon the run noted, now − 7y, as an ISO instant. */
  let horizon = "";
  const verify = async (name: string, text: string) => {
    const file = join(dir, `${name}.yaml`);
    await writeFile(file, text);
    const run = await runCli(["evidence", "verify", "--config", file, ...args], { env });
    return { code: run.code, output: run.stdout + run.stderr };
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "ret-ind-verify-"));
    const place = await backend.place(dir);
    args = place.args;
    env = place.env;
    const now = Date.now();
    horizon = new Date(cal(now, -7)).toISOString();
    const store = await place.open();
    try {
      await buildEightYears(store, now);
      const retention = configOf(join(dir, "archive"), "", REQUIRED).retention;
      if (!retention) throw new Error("the config has a retention section");
      const outcome = await runRetention(store, retention, now, {});
      // [1-5] left the store: the base is record 5 (retention-rules.test.ts).
      expect(outcome.ledger).toMatchObject({ throughSeq: 5, deleted: 3 });
    } finally {
      await store.close();
    }
  }, 180_000);

  afterAll(() => rm(dir, { recursive: true, force: true }));

  const archive = () => join(dir, "archive");

  test("with the run's own config the store and archive are intact", async () => {
    const run = await verify("own", configText(archive(), "", REQUIRED));
    expect(run.code, run.output).toBe(0);
  }, 60_000);

  test("without a retention section it names the base and the horizon", async () => {
    const text = configText(archive(), "", REQUIRED);
    const withoutRetention = text.slice(0, text.indexOf("\nretention:"));
    expect(withoutRetention).not.toContain("retention");
    const run = await verify("no-retention", withoutRetention);
    console.info(`evidence verify without retention: exit ${run.code}: ${run.output}`);
    expect(run.code, run.output).toBe(1);
    expect(run.output).toMatch(BASE);
    expect(run.output).toContain(horizon);
  }, 60_000);

  test("with records: 8y it names the horizon, later than now − 8y", async () => {
    const run = await verify("eight", configText(archive(), "records: 8y\nledger: 8y", REQUIRED));
    console.info(`evidence verify with records 8y: exit ${run.code}: ${run.output}`);
    expect(run.code, run.output).toBe(1);
    expect(run.output).toContain(horizon);
  }, 60_000);
});
