import { chmod, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, expect, test } from "vitest";
import { openArchive } from "../../src/archive/open-archive.ts";
import { checkLedger } from "../../src/evidence/ledger-check.ts";
import { buildPackage } from "../../src/evidence/package.ts";
import { recordEvidence } from "../../src/evidence/record-evidence.ts";
import { retentionProblems } from "../../src/retention/horizon-check.ts";
import { readArchive } from "../../src/retention/read-archive.ts";
import { runRetention } from "../../src/retention/run-retention.ts";
import { buildSegment } from "../../src/retention/segment.ts";
import { wholeChain } from "../../src/retention/whole-chain.ts";
import { parseConfig } from "../../src/sources/config-file.ts";
import type { SqlConnection } from "../../src/store/sql.ts";
import type { Store } from "../../src/store/store.ts";
import { ENGINE, HORIZON, NOW, retention, seedEightYears } from "./eight-years.ts";

/** retention.ledger and records as the config schema parses `20y`. */
const TWENTY_YEARS = { years: 20, text: "20y" };

// Sealing and pruning over eight years of one service (eight-years.ts), on a real database:
// what leaves the store and what stays, the archive read back before the ledger is pruned,
// the ledger's chain checked from its base, and the database refusing any other deletion.

export type OpenArchiveStore = () => Promise<{ store: Store; db: SqlConnection }>;

export function defineArchiveSuite(open: OpenArchiveStore): void {
  const cleanup: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });
  async function seeded() {
    const opened = await open();
    cleanup.push(() => opened.store.close());
    const dir = await mkdtemp(join(tmpdir(), "kpi-archive-"));
    cleanup.push(() => rm(dir, { recursive: true, force: true }));
    const all = await seedEightYears(opened.store);
    return { ...opened, dir, all, settings: retention({ archive: dir, segment_records: 2 }) };
  }

  test("seals records 1–6 in three segments, prunes what is over before the horizon", async () => {
    const { store, dir, settings } = await seeded();
    const outcome = await runRetention(store, settings, NOW);
    expect(outcome.sealed.map((s) => [s.firstSeq, s.lastSeq, s.object])).toEqual([
      [1, 2, "ledger/segment-000000000001-000000000002.ndjson"],
      [3, 4, "ledger/segment-000000000003-000000000004.ndjson"],
      [5, 6, "ledger/segment-000000000005-000000000006.ndjson"],
    ]);
    // Locked until the newest record's append + 7 calendar years (d4 recorded 2020-06-01
    // 11:00), or a day after sealing for segment 1–2, whose seven years ended in 2026-06.
    expect(outcome.sealed.map((s) => new Date(s.retainUntilMs).toISOString())).toEqual([
      "2026-12-02T00:00:00.000Z",
      "2027-06-01T11:00:00.000Z",
      "2033-11-01T11:00:00.000Z",
    ]);
    // d3 (2019-11-01) stays: it is the last deployment before the horizon, d4's predecessor.
    expect(outcome.records).toEqual({
      deployment: 2,
      change: 3,
      incident: 1,
      check: 1,
      vulnerability: 1,
      cost: 1,
      experiment: 1,
    });
    // Segment 1–2's newest record (2019-06-01) is past the horizon; 3–4's (2020-06-01) is not.
    expect(outcome.ledger).toEqual({ throughSeq: 2, deleted: 2 });
    expect((await store.evidence.rows()).map((r) => r.seq)).toEqual([3, 4, 5, 6]);
    const base = await store.ledgerArchive.base();
    expect([base.seq, base.deploymentId, base.prunedBeforeMs]).toEqual([2, "d2", HORIZON]);
    const left = await store.load();
    expect(left.deployments.map((d) => d.id)).toEqual(["d3", "d4", "d5", "d6"]);
    expect(left.incidents.map((i) => i.id).sort()).toEqual(["i-new", "i-open"]);
    expect(left.vulnerabilities.map((v) => v.id).sort()).toEqual(["v-dismissed", "v-open"]);
    expect(left.costs.map((c) => c.id)).toEqual(["cost-edge"]);
    // What d4, the first kept deployment, rests on: c-old, which it lists, and its commit's check.
    expect(left.changes.map((c) => c.id).sort()).toEqual(["c-old", "c4", "c5", "c6"]);
    expect(left.checks.map((k) => k.completedAt)).toContain(Date.parse("2019-11-15T10:00:00Z"));
    expect(left.experiments.map((e) => e.id)).toEqual(["e5"]);
    const check = await checkLedger(store, ENGINE, NOW);
    expect([check.issues, check.gaps, check.deployments]).toEqual([[], [], 3]);
    const reading = await readArchive(openArchive(dir));
    expect([reading.problems, reading.hashes.size]).toEqual([[], 6]);
  });

  test("pruned deployments get no record again; a second run seals and prunes nothing", async () => {
    const { store, all, settings } = await seeded();
    await runRetention(store, settings, NOW);
    // A serving process still holding the pruned records in memory appends nothing for them.
    expect(
      await recordEvidence(store, { records: all, engine: ENGINE, asOf: NOW, now: () => NOW }),
    ).toEqual([]);
    const again = await runRetention(store, settings, NOW);
    expect([again.sealed, again.ledger]).toEqual([[], { throughSeq: undefined, deleted: 0 }]);
    expect(Object.values(again.records ?? {}).every((n) => n === 0)).toBe(true);
  });

  test("an archived segment altered since sealing stops the prune and is named", async () => {
    const { store, dir, settings } = await seeded();
    await runRetention(store, settings, NOW);
    const file = join(dir, "ledger", "segment-000000000003-000000000004.ndjson");
    await chmod(file, 0o644);
    await writeFile(file, (await readFile(file, "utf8")).replace('"d3"', '"dX"'));
    // A year on, segment 3–4 (newest 2020-06-01) would be past the horizon (2020-12-01).
    const later = NOW + 365 * 86_400_000;
    await expect(runRetention(store, settings, later)).rejects.toThrow(
      /segment-000000000003-000000000004.ndjson: its records do not match.*nothing was pruned/,
    );
    expect((await store.evidence.rows()).map((r) => r.seq)).toEqual([3, 4, 5, 6]);
  });

  test("a legal hold prunes nothing", async () => {
    const { store, settings } = await seeded();
    const before = await store.counts();
    const held = { ...settings, legal_hold: { reason: "case 42" } };
    const outcome = await runRetention(store, held, NOW);
    expect([outcome.legalHold, outcome.records, outcome.ledger]).toEqual([
      "case 42",
      undefined,
      undefined,
    ]);
    expect(outcome.sealed.every((s) => s.legalHold)).toBe(true);
    expect(await store.counts()).toEqual(before);
    expect((await store.evidence.rows()).length).toBe(6);
  });

  test("the database deletes ledger records only up to a base at an archived segment's end", async () => {
    const { store, db, settings } = await seeded();
    await runRetention(store, settings, NOW);
    for (const sql of [
      "DELETE FROM evidence_records WHERE seq = 3",
      "DELETE FROM evidence_segments",
      "DELETE FROM evidence_base",
    ])
      await expect(db.exec(sql), sql).rejects.toThrow(/append-only/);
    await expect(db.exec("UPDATE evidence_base SET seq = 1")).rejects.toThrow(/only moves forward/);
    await expect(db.exec("UPDATE evidence_base SET seq = 3, hash = 'x'")).rejects.toThrow(
      /only through an archived segment/,
    );
    // One who disables the triggers and deletes record 3 is named by verify.
    await db.exec(`ALTER TABLE evidence_records DISABLE TRIGGER USER;
      DELETE FROM evidence_records WHERE seq = 3; ALTER TABLE evidence_records ENABLE TRIGGER USER`);
    const check = await checkLedger(store, ENGINE, NOW);
    expect(check.issues.map((i) => [i.kind, i.seq])).toEqual([["deleted", 3]]);
  });

  test("a package exported after a prune is the package exported before it", async () => {
    const { store, dir, settings } = await seeded();
    const period = { from: "2018-01-01T00:00:00Z", to: "2027-01-01T00:00:00Z", exportedAt: "x" };
    const head = await store.evidence.head();
    const before = buildPackage(await store.evidence.rows(), head, period);
    await runRetention(store, settings, NOW);
    const check = await checkLedger(store, ENGINE, NOW);
    const chain = await wholeChain(check.rows, check.base, dir);
    expect(chain.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(buildPackage(chain, check.head, period)).toEqual(before);
    await expect(wholeChain(check.rows, check.base, undefined)).rejects.toThrow(
      /starts after record 2 and the config names no retention archive/,
    );
  });

  test("a run that died after writing its segment is adopted, longer or not", async () => {
    const { store, all, dir, settings } = await seeded();
    // The first run writes records 1–6 in one object, then dies before noting it.
    const once = { ...settings, segment_records: 10 };
    const dying: Store = {
      ...store,
      ledgerArchive: {
        ...store.ledgerArchive,
        recordSegment: () => Promise.reject(new Error("killed")),
      },
    };
    await expect(runRetention(dying, once, NOW)).rejects.toThrow(/killed/);
    expect(await store.ledgerArchive.segments()).toEqual([]);
    // d6 corrected since: record 7. The next run adopts 1–6 and seals 7 alone.
    const corrected = all.deployments.map((d) =>
      d.id === "d6" ? { ...d, url: "https://ci/6" } : d,
    );
    await store.upsert({ deployments: corrected.filter((d) => d.id === "d6") });
    const at = NOW - 3_600_000;
    await recordEvidence(store, {
      records: { ...all, deployments: corrected },
      engine: ENGINE,
      asOf: at,
      now: () => at,
    });
    const outcome = await runRetention(store, once, NOW);
    expect(outcome.sealed.map((s) => [s.firstSeq, s.lastSeq])).toEqual([
      [1, 6],
      [7, 7],
    ]);
    const reading = await readArchive(openArchive(dir));
    expect([reading.problems, reading.segments.length]).toEqual([[], 2]);
  });

  test("overlapping segments read as one chain while the records they share agree", async () => {
    const { store, dir, settings } = await seeded();
    await runRetention(store, { ...settings, ledger: TWENTY_YEARS, records: TWENTY_YEARS }, NOW);
    const archive = openArchive(dir);
    const rows = await store.evidence.rows();
    const lock = { sealedAtMs: NOW, retainUntilMs: NOW + 86_400_000, legalHold: false };
    // Another run's object over records 1–3, written beside segments 1–2 and 3–4.
    const same = buildSegment(rows.slice(0, 3), { seq: 0 }, lock);
    await archive.put(same.key, same.body, lock);
    expect((await readArchive(archive)).problems).toEqual([]);
    const altered = rows
      .slice(0, 4)
      .map((r, i) => (i === 3 ? { ...r, text: r.text.replace('"d4"', '"dX"') } : r));
    const other = buildSegment(altered, { seq: 0 }, lock);
    await archive.put(other.key, other.body, lock);
    expect((await readArchive(archive)).problems.join("\n")).toMatch(
      /record 4 differs from the one an earlier segment holds/,
    );
  });

  test("the horizon moves only forward, never past now; a segment row must follow the last", async () => {
    const { store, db, settings } = await seeded();
    await runRetention(store, settings, NOW);
    for (const at of ["2000-01-01T00:00:00Z", "2999-01-01T00:00:00Z"])
      await expect(db.exec(`UPDATE evidence_base SET pruned_before = '${at}'`)).rejects.toThrow(
        /horizon only moves forward, never past now/,
      );
    const forged = `INSERT INTO evidence_segments VALUES
      (9, 9, 'x', 'x', 'x', now(), now(), false, now())`;
    await expect(db.exec(forged)).rejects.toThrow(/follows the last one/);
  });

  test("verify names a pruned ledger without an archive and a horizon the config does not allow", async () => {
    const { store, settings } = await seeded();
    await runRetention(store, settings, NOW);
    const base = await store.ledgerArchive.base();
    const config = (retention?: Record<string, unknown>) =>
      parseConfig({ version: "kpi-exporter/v1", ...(retention ? { retention } : {}) });
    expect(retentionProblems(config({ archive: "/a" }), base, NOW)).toEqual([]);
    expect(retentionProblems(config({}), base, NOW)).toEqual([
      "the ledger in the store starts after record 2, but the config names no retention archive to check the records before it against",
    ]);
    expect(
      retentionProblems(config({ archive: "/a", records: "8y", ledger: "8y" }), base, NOW),
    ).toEqual([
      "the store holds evidence before 2019-12-01T00:00:00.000Z past retention, but retention.records (8y) keeps everything after 2018-12-01T00:00:00.000Z",
    ]);
    expect(retentionProblems(config(), base, NOW)).toHaveLength(2);
  });
}
