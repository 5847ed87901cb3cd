// Independent check of METRICS.md decision 156: a directory archive that was altered after
// sealing stops the ledger's pruning, and `evidence verify --archive` (no store, no config)
// names the altered segment. Written from the rule text alone.
//
// Reading: step 4 says "Otherwise nothing is pruned and the run fails naming why", after
// step 3 (records) in the run's order. Whether step 3 may already have deleted records is
// not clear, so the tampered run below is one where no record is newly past retention
// (the same `now` as a run that already pruned them) and only the ledger would be pruned.
import { execFile } from "node:child_process";
import { chmod, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, test } from "vitest";
import { runRetention } from "../../../src/retention/run-retention.ts";
import { storeBackends } from "../../support/store-backends.ts";
import { archiveDir, buildEightYears, configOf, MIN, SEGMENTS } from "./fixture.ts";

const REPO = fileURLToPath(new URL("../../..", import.meta.url));
const NODE = join(REPO, "node_modules/.bin/node");
const BIN = join(REPO, "bin/kpi-exporter.js");

interface Exit {
  code: number;
  output: string;
}

/** `kpi-exporter evidence verify --archive <dir>`, with no store or config in reach. */
async function verifyArchive(dir: string): Promise<Exit> {
  const env = { ...process.env };
  delete env.DATABASE_URL;
  delete env.KPI_CONFIG;
  delete env.KPI_AS_OF;
  const args = [BIN, "evidence", "verify", "--archive", dir];
  try {
    const { stdout, stderr } = await promisify(execFile)(NODE, args, { cwd: REPO, env });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, output: e.stdout + e.stderr };
  }
}

const retentionOf = (dir: string, extra = "") => {
  const retention = configOf(dir, extra).retention;
  if (!retention) throw new Error("the config has a retention section");
  return retention;
};

describe.each(storeBackends("ret_ind_tamper"))("retention on $name, tampering", (backend) => {
  /**
   * Seals the 8-year store, alters the record line `line` (1 = the segment's first record)
   * of segment `index` of SEGMENTS, then runs retention as it would prune [1-5].
   */
  async function tamperedRun(index: number, line: number, prunes: boolean) {
    const now = Date.now();
    const dir = await archiveDir("ret-ind-tamper-");
    const store = await backend.open();
    await buildEightYears(store, now);

    // Run 1 keeps the ledger for 8 years: it seals [1-5] .. [31-34] and prunes the records
    // past now − 7y, but no segment's newest record is older than now − 8y ([1-5]'s is
    // policy v2 at now − 7y − 6m + 11d), so no ledger record leaves the store.
    const first = await runRetention(store, retentionOf(dir, "ledger: 8y"), now, {});
    expect(first.sealed).toHaveLength(7);
    expect(first.ledger?.deleted ?? 0).toBe(0);
    expect(await store.evidence.rows()).toHaveLength(34);

    // The archive as sealed is intact.
    const intact = await verifyArchive(dir);
    expect(intact.output).toContain("evidence archive intact");
    expect(intact.code).toBe(0);

    // Alter one record line: its deployment's service.
    const [name] = SEGMENTS[index] as [string, number, number];
    const file = join(dir, "ledger", name);
    await chmod(file, 0o644);
    const lines = (await readFile(file, "utf8")).split("\n");
    const original = lines[line] as string;
    lines[line] = original.replace('"service":"api"', '"service":"apx"');
    expect(lines[line]).not.toBe(original);
    await writeFile(file, lines.join("\n"));
    await chmod(file, 0o444);

    // Run 2 keeps the ledger for 7 years: [1-5] would leave the store (its newest record is
    // older than now − 7y) and no record is newly past. The archive is read back up to the
    // last segment to be pruned: an altered one there fails the run and nothing is pruned;
    // one altered after it still holds its records in the store, so [1-5] is pruned.
    const counts = await store.counts();
    const rows = await store.evidence.rows();
    const second = await runRetention(store, retentionOf(dir), now + MIN, {}).then(
      (outcome) => ({ outcome, error: undefined }),
      (error: Error) => ({ outcome: undefined, error }),
    );
    expect(await store.counts()).toEqual(counts);
    if (prunes) {
      expect(second.error).toBeUndefined();
      expect(second.outcome?.ledger).toEqual({ throughSeq: 5, deleted: 3 });
    } else {
      expect(second.error?.message).toContain(name);
      expect(second.error?.message).toContain("nothing was pruned");
      expect(await store.evidence.rows(), "ledger rows after the run").toEqual(rows);
      expect((await store.ledgerArchive.base()).seq).toBe(0);
    }

    // Offline, the archive is not intact, naming the segment.
    const broken = await verifyArchive(dir);
    console.info(`evidence verify --archive: exit ${broken.code}: ${broken.output}`);
    expect(broken.output).toContain("evidence archive NOT intact");
    expect(broken.output).toContain(name.replace(".ndjson", ""));
    expect(broken.code).toBe(1);
  }

  test("altering a segment the run keeps does not stop the prune; verify names it", async () => {
    // [16-20], line 2 = seq 17 (d14): read back only up to [1-5], the last one pruned.
    await tamperedRun(3, 2, true);
  }, 180_000);

  test("altering a segment the run prunes stops the prune; verify names it", async () => {
    // [1-5], line 3 = seq 3 (d1), a record the run would delete.
    await tamperedRun(0, 3, false);
  }, 180_000);
});
