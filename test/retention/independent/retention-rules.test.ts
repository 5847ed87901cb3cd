// Independent check of METRICS.md decision 156 ("Seven years, write-once, verified offline")
// against a directory archive, written from the rule text alone (not the implementation).
// The store is the fake 8-year store of fixture.ts; every expected number is worked out by
// hand in the comments from the rule text and the instants listed in fixture.ts.
//
// Readings of the rule where it is not explicit:
// - "recordsSha256, the SHA-256 of the record lines": the record lines joined by "\n", with
//   or without a final "\n" (both accepted).
// - "legalHold" in the header: any false-like value when no hold stands, true-like under one.
// - The run's outcome (`records`, `ledger.throughSeq`, `ledger.deleted`) is the brief's API:
//   `deleted` is read as the number of ledger rows that left the store (policy rows stay).
import { createHash } from "node:crypto";
import { stat } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { checkLedger } from "../../../src/evidence/ledger-check.ts";
import { productionCandidates } from "../../../src/evidence/ledger-gaps.ts";
import { runRetention } from "../../../src/retention/run-retention.ts";
import { storeBackends } from "../../support/store-backends.ts";
import {
  archiveDir,
  archiveFiles,
  buildEightYears,
  cal,
  configOf,
  EIGHT_YEARS,
  MIN,
  NONE,
  newestOf,
  parseSegment,
  plusYears,
  SEGMENT_NAME,
  SEGMENTS,
  sha,
} from "./fixture.ts";

const sha256 = (text: string | Buffer) => createHash("sha256").update(text).digest("hex");
const DAY_MS = 86_400_000;

describe.each(storeBackends("ret_ind_dir"))("retention on $name, directory archive", (backend) => {
  test("seals 1..head, prunes exactly what is past, and a second run does nothing", async () => {
    const now = Date.now();
    const dir = await archiveDir("ret-ind-");
    const store = await backend.open();
    const { engine } = await buildEightYears(store, now);
    const rows = await store.evidence.rows();
    const before = await store.load();
    // The fixture as designed: 34 records, one per deployment plus two policy records.
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: 34 }, (_, i) => i + 1));
    expect(rows.filter((r) => r.deploymentId.startsWith("policy:")).map((r) => r.seq)).toEqual([
      1, 5,
    ]);
    expect(await store.counts()).toEqual(EIGHT_YEARS);
    // d4's record (seq 7) carries c-old and the sast check among the facts it was judged on,
    // so its evidence rests on them ("the records carry every fact").
    expect(rows[6]?.deploymentId).toBe("d4");
    expect(rows[6]?.text).toContain('"c-old"');
    expect(rows[6]?.text).toContain('"sast"');
    const retention = configOf(dir).retention;
    if (!retention) throw new Error("the config has a retention section");

    const outcome = await runRetention(store, retention, now, {});
    const after = Date.now();

    // 1. Sealing: seven segment files, read-only, named and headed as the rule says.
    const newest = newestOf(now);
    const files = await archiveFiles(dir);
    expect([...files.keys()]).toEqual(SEGMENTS.map(([name]) => name));
    for (const [k, [name, first, last]] of SEGMENTS.entries()) {
      expect(name).toMatch(SEGMENT_NAME);
      const { mode } = await stat(join(dir, "ledger", name));
      expect(mode & 0o222, `${name} is read-only`).toBe(0);
      const { header, lines } = parseSegment((files.get(name) as Buffer).toString("utf8"));
      const expectedRows = rows.slice(first - 1, last);
      const prior = rows[first - 2];
      expect(header).toMatchObject({
        format: "kpi-exporter/ledger-segment/v1",
        first,
        last,
        count: last - first + 1,
        lastHash: rows[last - 1]?.hash,
      });
      // previous: seq and hash of the record before `first`, null from record 1.
      if (first === 1) expect(header.previous).toBeNull();
      else expect(header.previous).toMatchObject({ seq: first - 1, hash: prior?.hash });
      expect(Date.parse(String(header.newestRecordedAt))).toBe(newest[k]);
      // retainUntil = newest record's append time + evidence (7 calendar years), and at
      // least one day after sealing (S3 refuses a date in the past).
      const sealedAt = Date.parse(String(header.sealedAt));
      expect
        .soft(Date.parse(String(header.retainUntil)), `${name} retainUntil`)
        .toBe(Math.max(plusYears(newest[k] as number, 7), sealedAt + DAY_MS));
      expect(sealedAt).toBeGreaterThanOrEqual(now);
      expect(sealedAt).toBeLessThanOrEqual(after);
      expect(header.legalHold).toBeFalsy();
      // Each record's canonical JSON, exactly the text that was hashed, one per line.
      expect(lines).toEqual(expectedRows.map((r) => r.text));
      const joined = lines.join("\n");
      expect([sha256(joined), sha256(`${joined}\n`)]).toContain(header.recordsSha256);
    }
    expect(outcome.sealed).toHaveLength(7);
    for (const [k, s] of outcome.sealed.entries()) {
      const [name, first, last] = SEGMENTS[k] as [string, number, number];
      expect(s).toMatchObject({
        firstSeq: first,
        lastSeq: last,
        lastHash: rows[last - 1]?.hash,
        newestRecordedAtMs: newest[k],
      });
      expect
        .soft(s.retainUntilMs, `${name} retainUntilMs`)
        .toBe(Math.max(plusYears(newest[k] as number, 7), s.sealedAtMs + DAY_MS));
      expect(s.legalHold).toBeFalsy();
      expect(s.object).toContain(`ledger/${name}`);
      expect(s.sha256).toMatch(/^[0-9a-f]{64}$/);
    }

    // 2. Records past retention: over at t with t + 7y ≤ now, i.e. at or before the
    // horizon H = now − 7y (see fixture.ts), except what a kept deployment's evidence
    // rests on. The last deployments before H: d3 (api/production, F_3 = H − 3m + 10d)
    // and s0 (api/staging, H − 1y + 4m); the earliest of those for api is s0.
    // - deployments: d0..d3 and s0 are past; d3 and s0 stay as the last before H of their
    //   environment; d0, d1, d2 go (3).
    // - changes: c0..c3 (merged F_i − 2h) and c-old (H − 1y + 5d) are past; c2 and c3,
    //   merged after s0, stay; c-old, listed by d4 (finished H + 10d), stays; c0 and c1,
    //   merged before s0 and listed only by d0, d1, go (2).
    // - experiments: x0 goes with c1 (1); x1's c20 stays.
    // - checks: ci on d0..d3's commits (completed F_i − 1h) and sast on d4's commit
    //   (H − 1y + 5d) are past; sast stays, on the commit of d4, finished after H; the ci
    //   checks go (4), d3's too: d3 finished before H, so it is not "such a deployment".
    // - incidents: i0, i1 resolved before H go (2); i2 (resolved H + 15d), i3 (open for
    //   8 years), i4 stay.
    // - findings: v0 fixed and v1 dismissed before H go (2); v2 (open), v3, v5 (H + 1m),
    //   v4 stay.
    // - costs: k0..k2 end before H (3); k3 ends at H + 10d, k-long at H + 6m.
    const pruned = { ...NONE, deployment: 3, change: 2, incident: 2, check: 4 };
    Object.assign(pruned, { vulnerability: 2, cost: 3, experiment: 1 });
    expect(outcome.records).toEqual(pruned);
    expect(await store.counts()).toEqual({
      deployment: 31,
      change: 31,
      incident: 3,
      check: 29,
      vulnerability: 4,
      cost: 30,
      experiment: 1,
    });
    const left = await store.load();
    const range = (prefix: string, from: number, to: number) =>
      Array.from({ length: to - from + 1 }, (_, i) => `${prefix}${from + i}`);
    expect(left.deployments.map((d) => d.id).sort()).toEqual(
      [...range("d", 3, 31), "s0", "s1"].sort(),
    );
    expect(left.changes.map((c) => c.id).sort()).toEqual([...range("c", 2, 31), "c-old"].sort());
    expect(left.experiments.map((x) => x.id)).toEqual(["x1"]);
    const checkOf = (c: { name: string; commitSha: string }) => `${c.name}@${c.commitSha}`;
    expect(left.checks.map(checkOf).sort()).toEqual(
      [...Array.from({ length: 28 }, (_, i) => `ci@${sha(i + 5)}`), `sast@${sha(5)}`].sort(),
    );
    expect(left.incidents.map((i) => i.id).sort()).toEqual(["i2", "i3", "i4"]);
    expect(left.vulnerabilities.map((v) => v.id).sort()).toEqual(["v2", "v3", "v4", "v5"]);

    // 3. Ledger: [1-5]'s newest (policy v2, now − 7y − 6m + 11d) is older than now − 7y;
    // [6-10]'s (d7, now − 6y − 3m + 10d) is not. So only [1-5] leaves: d0..d2 (seqs 2..4)
    // are deleted, the policy records 1 and 5 stay. throughSeq 5, deleted 3.
    expect(outcome.ledger).toMatchObject({ throughSeq: 5, deleted: 3 });
    const kept = await store.evidence.rows();
    expect(kept.map((r) => r.seq)).toEqual([1, 5, ...Array.from({ length: 29 }, (_, i) => i + 6)]);
    expect(kept).toEqual(rows.filter((r) => ![2, 3, 4].includes(r.seq)));
    expect((await store.evidence.head()).seq).toBe(34);
    const check = await checkLedger(store, engine, now);
    expect(check.issues).toEqual([]);
    expect(check.gaps).toEqual([]);
    // The base: the last pruned record (end of [1-5]) and the horizon now − 7y.
    expect(check.base).toMatchObject({ seq: 5, prunedBeforeMs: cal(now, -7) });
    // d0..d3 finished before the horizon: no record is appended for them again, even from
    // the records as they were before the run (nor for d3, still in the store as the
    // predecessor of d4); d4..d31 are held unchanged.
    const again = productionCandidates(before, engine, now);
    expect(again.map((c) => c.deploymentId)).toContain("d0");
    expect(await store.evidence.append(again, { asOf: now, recordedAt: now })).toEqual([]);
    expect((await store.evidence.head()).seq).toBe(34);

    // 4. A second run right after seals nothing and prunes nothing.
    const counts = await store.counts();
    const second = await runRetention(store, retention, now + MIN, {});
    expect(second.sealed).toEqual([]);
    expect({ ...NONE, ...second.records }).toEqual(NONE);
    expect(second.ledger?.deleted ?? 0).toBe(0);
    expect(await store.counts()).toEqual(counts);
    expect(await store.evidence.rows()).toEqual(kept);
    expect(await archiveFiles(dir)).toEqual(files);
  }, 180_000);

  test("a legal hold prunes nothing and seals under hold", async () => {
    const now = Date.now();
    const dir = await archiveDir("ret-ind-hold-");
    const store = await backend.open();
    await buildEightYears(store, now);
    const rows = await store.evidence.rows();
    const retention = configOf(dir, "legal_hold:\n  reason: case 42").retention;
    if (!retention) throw new Error("the config has a retention section");

    const outcome = await runRetention(store, retention, now, {});
    // Everything past retention in the test above stays: the counts are the fixture's.
    expect(await store.counts()).toEqual(EIGHT_YEARS);
    expect(await store.evidence.rows()).toEqual(rows);
    expect({ ...NONE, ...outcome.records }).toEqual(NONE);
    expect(outcome.ledger?.deleted ?? 0).toBe(0);
    expect(outcome.legalHold).toContain("case 42");
    // Sealing still happens (step 1 comes before the hold), each segment under the hold.
    const files = await archiveFiles(dir);
    expect([...files.keys()]).toEqual(SEGMENTS.map(([name]) => name));
    for (const body of files.values())
      expect(parseSegment(body.toString()).header.legalHold).toBeTruthy();
    for (const s of outcome.sealed) expect(s.legalHold).toBeTruthy();
  }, 180_000);
});
