import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RecordSet } from "../../src/domain/records.ts";
import { openStore } from "../../src/store/open.ts";
import { check, deployment } from "../engine/helpers.ts";
import { runCli } from "../support/cli.ts";
import { AS_OF, SLASHED, writeFixture } from "./explain-fixture.ts";

// Issue "ledger and store agree", through the real command line: import records d1,
// SLASHED (06-10) and d3 (06-11); d4 (06-20) and d5 (06-21) are then written straight
// into the store, as when an append failed after the write. verify must name them, export
// must refuse a period holding them, and one append later both agree again.

let dir: string;
let common: string[];
let events: string;
const asOf = { env: { KPI_AS_OF: AS_OF } };
const D1_SHA = `aaaaaaa${"1".repeat(33)}`;
const missing = (id: string, day: number) =>
  `deployment ${id} (checkout, finished 2026-06-${day}T10:00:00.000Z): missing: no ledger record\n`;
const D1_STALE =
  "deployment d1 (checkout, finished 2026-06-01T10:00:00.000Z): stale: a correction is pending (its latest record 2 holds other facts)\n";

async function writeBehindTheLedger(records: Partial<RecordSet>): Promise<void> {
  const store = await openStore({ dataDir: join(dir, "store") });
  await store.upsert(records);
  await store.close();
}

const verify = (...args: string[]) => runCli(["evidence", "verify", ...common, ...args]);
const exportPeriod = (from: string, to: string, out?: string) =>
  runCli(
    ["evidence", "export", ...common, "--from", from, "--to", to, ...(out ? ["--out", out] : [])],
    asOf,
  );

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "kpi-evidence-gaps-"));
  const fixture = await writeFixture(dir);
  events = fixture.events;
  common = ["--config", fixture.config, "--data-dir", join(dir, "store")];
  const imported = await runCli(["import", ...common, "--as-of", AS_OF, events]);
  // Record 1 is the compliance policy this first import saw (METRICS.md decision 131).
  expect(imported.stdout).toContain("evidence ledger: appended records 2–4");
  await writeBehindTheLedger({
    deployments: ["d4", "d5"].map((id, i) =>
      deployment({ id, at: `2026-06-2${i}T10:00Z`, env: "production" }),
    ),
  });
}, 120_000);

afterAll(() => rm(dir, { recursive: true, force: true }));

describe("deployments the ledger lacks", () => {
  it("verify names each one and exits 1, in text and JSON", async () => {
    const text = await verify("--as-of", AS_OF);
    expect(text.code, text.stderr).toBe(1);
    expect(text.stdout).toContain(missing("d4", 20) + missing("d5", 21));
    expect(text.stdout).toContain(
      "evidence ledger NOT intact: 2 of 5 production deployments at 2026-06-30T00:00:00.000Z without their current record (PGlite in ",
    );
    const json = await verify("--as-of", AS_OF, "--json");
    expect(json.code).toBe(1);
    const result = JSON.parse(json.stdout);
    expect(result).toMatchObject({ intact: false, records: 4, deployments: 5, issues: [] });
    expect(
      result.gaps.map((g: { kind: string; deploymentId: string }) => g.kind + g.deploymentId),
    ).toEqual(["missingd4", "missingd5"]);
  });

  it("verify at an instant before them finds the ledger intact", async () => {
    const early = await verify("--as-of", "2026-06-15T00:00:00Z");
    expect(early.code, early.stdout).toBe(0);
    expect(early.stdout).toContain("covering 3 production deployments at 2026-06-15T00:00:00.000Z");
  });

  it("export refuses a period holding them and exports one without them", async () => {
    const out = join(dir, "refused.json");
    const refused = await exportPeriod("2026-06-15", "2026-06-29", out);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(missing("d4", 20) + missing("d5", 21));
    expect(refused.stderr).toContain("evidence export refused: 2 production deployments finished");
    await expect(readFile(out, "utf8")).rejects.toThrow(/ENOENT/);
    const early = join(dir, "early.json");
    const exported = await exportPeriod("2026-06-01", "2026-06-11", early);
    expect(exported.code, exported.stderr).toBe(0);
    const pkg = JSON.parse(await readFile(early, "utf8"));
    expect(pkg.deployments.map((d: { deploymentId: string }) => d.deploymentId)).toEqual([
      "d1",
      SLASHED,
      "d3",
    ]);
    expect((await runCli(["evidence", "verify", "--package", early])).code).toBe(0);
  });

  it("a failing check arriving later makes d1 stale; the next append makes both agree", async () => {
    await writeBehindTheLedger({ checks: [check(D1_SHA, "sast", "failure", "2026-06-01T09:45Z")] });
    const stale = await verify("--as-of", AS_OF);
    expect(stale.code).toBe(1);
    expect(stale.stdout).toContain(D1_STALE + missing("d4", 20) + missing("d5", 21));
    expect(stale.stdout).toContain("NOT intact: 3 of 5 production deployments");
    const refused = await exportPeriod("2026-06-01", "2026-06-11");
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      `${D1_STALE}evidence export refused: 1 production deployment finished`,
    );

    const appended = await runCli(["import", ...common, "--as-of", AS_OF, events]);
    expect(appended.stdout).toContain("evidence ledger: appended records 5–7");
    const intact = await verify("--as-of", AS_OF);
    expect(intact.code, intact.stdout).toBe(0);
    expect(intact.stdout).toMatch(
      /^evidence ledger intact: 7 records, head record 7 \(deployment d5\)/,
    );
    expect(intact.stdout).toContain(
      "covering 5 production deployments at 2026-06-30T00:00:00.000Z",
    );
    const late = join(dir, "late.json");
    expect((await exportPeriod("2026-06-15", "2026-06-29", late)).code).toBe(0);
    const pkg = JSON.parse(await readFile(late, "utf8"));
    expect(
      pkg.deployments.map((d: { deploymentId: string; seq: number }) => [d.deploymentId, d.seq]),
    ).toEqual([
      ["d4", 6],
      ["d5", 7],
    ]);
    expect((await runCli(["evidence", "verify", "--package", late])).code).toBe(0);
  });
});

describe("an empty store", () => {
  it("with an empty ledger is intact", async () => {
    const empty = ["--data-dir", join(dir, "empty"), "--as-of", AS_OF];
    const text = await runCli(["evidence", "verify", ...empty]);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(
      /^evidence ledger is empty \(PGlite in .*\), covering 0 production deployments/,
    );
    const json = JSON.parse((await runCli(["evidence", "verify", "--json", ...empty])).stdout);
    expect(json).toMatchObject({ intact: true, records: 0, deployments: 0, gaps: [] });
  });
});
