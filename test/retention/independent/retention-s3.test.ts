// Independent check of METRICS.md decision 156 against an S3 archive (the fake S3 of
// test/support), written from the rule text alone. The exporter runs as it would have over
// the 8 years: retention runs once a year, 45 days after every fourth deployment, with the
// bucket's clock at the run's instant (S3 refuses a retain-until date in the past, so an
// archive is sealed as the ledger grows), then once more now.
//
// Readings: the object of a segment is `<prefix>/ledger/segment-<first>-<last>.ndjson`;
// the outcome's `held` counts the segments this run put under legal hold.
import { afterEach, describe, expect, test } from "vitest";
import { checkLedger } from "../../../src/evidence/ledger-check.ts";
import { productionCandidates } from "../../../src/evidence/ledger-gaps.ts";
import { runRetention } from "../../../src/retention/run-retention.ts";
import type { StoredEvidence } from "../../../src/store/evidence-ledger.ts";
import { type FakeS3, startFakeS3 } from "../../support/fake-s3/index.ts";
import { storeBackends } from "../../support/store-backends.ts";
import {
  buildEightYears,
  cal,
  configOf,
  DAY,
  HOUR,
  NONE,
  parseSegment,
  plusYears,
  sha,
  timesOf,
} from "./fixture.ts";
import { signedFetch } from "./signed-request.ts";

const KEYS = { accessKeyId: "AKIDRETIND", secretAccessKey: "ret/ind+secret", region: "us-east-1" };
const BUCKET = "evidence";

let fake: FakeS3 | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const retentionOf = (extra = "") => {
  const retention = configOf(`s3://${BUCKET}/kpi`, extra).retention;
  if (!retention) throw new Error("the config has a retention section");
  return retention;
};

const name = (first: number, last: number) =>
  `ledger/segment-${String(first).padStart(12, "0")}-${String(last).padStart(12, "0")}.ndjson`;
/** The object a segment is expected at: the prefix as a folder, as a directory archive's. */
const key = (first: number, last: number) => `kpi/${name(first, last)}`;
/** The segments' objects, wherever under the bucket the run put them. */
const segmentObjects = (s3: FakeS3) => s3.objects().filter((o) => /ledger\/segment-/.test(o.key));

const actualKey = (s3: FakeS3, a: number, b: number) =>
  segmentObjects(s3).find((o) => o.key.endsWith(name(a, b)))?.key ?? key(a, b);

describe.each(storeBackends("ret_ind_s3"))("retention on $name, S3 archive", (backend) => {
  test("COMPLIANCE-locked segments, legal hold, no early delete", async () => {
    const now = Date.now();
    let clock = now;
    const s3 = await startFakeS3({ bucket: BUCKET, ...KEYS, now: () => clock });
    fake = s3;
    const env = {
      AWS_ENDPOINT_URL: s3.url,
      AWS_REGION: "us-east-1",
      AWS_ACCESS_KEY_ID: KEYS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: KEYS.secretAccessKey,
    };
    const store = await backend.open();
    const t = timesOf(now);
    const appended = (i: number) => t.appended[i] as number;
    const yearly: Awaited<ReturnType<typeof runRetention>>[] = [];
    let rows: StoredEvidence[] = [];
    const { engine } = await buildEightYears(store, now, async (i, at) => {
      if (i % 4 !== 3) return;
      rows = await store.evidence.rows();
      clock = at + 45 * DAY;
      yearly.push(await runRetention(store, retentionOf(), clock, env));
    });
    clock = now;
    const last = await runRetention(store, retentionOf(), now, env);

    // Runs R_k = t_(4k+3) + 45 days. R_0 seals seqs 1..6 as [1-5] [6-6]; R_k (k ≥ 1) seals
    // the four records d_(4k)..d_(4k+3) appended since, seqs 4k+3..4k+6. Newest records:
    // [1-5] policy v2, [6-6] d3, then [a-b] d_(b−3).
    const segments: [number, number, number][] = [
      [1, 5, t.policy2],
      [6, 6, appended(3)],
      [7, 10, appended(7)],
      [11, 14, appended(11)],
      [15, 18, appended(15)],
      [19, 22, appended(19)],
      [23, 26, appended(23)],
      [27, 30, appended(27)],
      [31, 34, appended(31)],
    ];
    expect(yearly.map((o) => o.sealed.map((s) => [s.firstSeq, s.lastSeq]))).toEqual([
      [
        [1, 5],
        [6, 6],
      ],
      ...segments.slice(2).map(([a, b]) => [[a, b]]),
    ]);
    const objects = segmentObjects(s3);
    // (soft: the later checks find each segment's object by its name, wherever it is)
    expect.soft(objects.map((o) => o.key)).toEqual(segments.map(([a, b]) => key(a, b)));
    expect(objects.map((o) => o.key.slice(o.key.indexOf("ledger/")))).toEqual(
      segments.map(([a, b]) => name(a, b)),
    );
    for (const [k, [first, lastSeq, newest]] of segments.entries()) {
      const object = objects[k];
      // COMPLIANCE, retain-until = newest record's append time + 7 calendar years, no hold.
      expect(object).toMatchObject({
        mode: "COMPLIANCE",
        retainUntil: new Date(plusYears(newest, 7)).toISOString(),
        legalHold: false,
      });
      const { header, lines } = parseSegment(object?.body.toString("utf8") ?? "");
      expect(header).toMatchObject({ first, last: lastSeq, count: lastSeq - first + 1 });
      expect(lines).toEqual(rows.slice(first - 1, lastSeq).map((r) => r.text));
      // Written once: one PUT per object.
      const puts = s3.requests.filter(
        (r) => r.method === "PUT" && r.path.endsWith(name(first, lastSeq)) && r.query === "",
      );
      expect(puts.map((r) => r.status)).toEqual([200]);
    }

    // R_7 = t_31 + 45d, so its horizon H_7 = R_7 − 7y = now − 7y − 3m + 55d + 1h. Past
    // then (over at or before H_7), and what stays of it:
    // - deployments d0..d3 and s0; d3 (api/production) and s0 (api/staging) are the last
    //   before H_7 of their environment and stay; d0..d2 go (3).
    // - changes c0..c3 and c-old; c2, c3 were merged after s0 (the earliest of d3, s0) and
    //   c-old is listed by d4 (finished now − 7y + 10d, after H_7): they stay; c0, c1 go (2),
    //   and x0 with c1 (1).
    // - checks: ci on d0..d3's commits go (4; d3 finished before H_7); sast on d4's commit
    //   (completed now − 8y + 5d) stays, d4 finishing after H_7.
    // - i0 (1; i1, resolved at now − 7y − 20d, is later), v0 (1; v1, dismissed at
    //   now − 7y − 1m, is later), k0..k2 (3).
    // [1-5] and [6-6] (newest d3 at now − 7y − 3m + 10d + 1h) leave the ledger: d0..d3 =
    // seqs 2, 3, 4, 6 (d3's record goes, though d3 itself stays in the store).
    const r7 = yearly[7];
    expect(r7?.records).toEqual({
      ...NONE,
      ...{ deployment: 3, change: 2, incident: 1, check: 4, vulnerability: 1, cost: 3 },
      experiment: 1,
    });
    expect(r7?.ledger).toMatchObject({ throughSeq: 6, deleted: 4 });
    // R_0..R_6 prune nothing: R_6 − 7y is before every record.
    for (const o of yearly.slice(0, 7)) expect({ ...NONE, ...o.records }).toEqual(NONE);
    // The run now (horizon now − 7y) seals nothing and prunes i1 and v1 only: d3 and s0
    // are still the last before the horizon; c2, c3 (after s0), c-old (listed by d4) and
    // the sast check on d4's commit stay as before. No more of the ledger goes ([7-10]'s
    // newest, d7, is at now − 6y − 3m + 10d).
    expect(last.sealed).toEqual([]);
    expect({ ...NONE, ...last.records }).toEqual({ ...NONE, incident: 1, vulnerability: 1 });
    expect(last.ledger?.deleted ?? 0).toBe(0);
    expect(await store.counts()).toEqual({
      deployment: 31,
      change: 31,
      incident: 3,
      check: 29,
      vulnerability: 4,
      cost: 30,
      experiment: 1,
    });
    const kept = (await store.evidence.rows()).map((r) => r.seq);
    expect(kept).toEqual([1, 5, ...Array.from({ length: 28 }, (_, i) => i + 7)]);
    const check = await checkLedger(store, engine, now);
    expect(check.issues).toEqual([]);
    expect(check.gaps).toEqual([]);
    expect(check.base).toMatchObject({ seq: 6 });

    // The archive refuses early deletes: a signed DELETE of [7-10] (retained until
    // t_7 + 7y, about now + 9 months) and of [31-34] answers 403, and both stay.
    for (const [a, b] of [
      [7, 10],
      [31, 34],
    ] as const) {
      const url = new URL(`${s3.url}/${BUCKET}/${actualKey(s3, a, b)}`);
      const response = await signedFetch("DELETE", url, KEYS);
      expect(response.status).toBe(403);
    }
    expect(segmentObjects(s3)).toHaveLength(9);

    // Legal hold, a year from now: d32 (finished now − 2h) is appended as seq 35 first.
    await store.upsert({
      deployments: [
        {
          id: "d32",
          service: "api",
          environment: "production",
          finishedAt: now - 2 * HOUR,
          commitSha: sha(33),
          status: "success",
          changes: ["c32"],
          approvals: [],
        },
      ],
      changes: [
        {
          id: "c32",
          service: "api",
          mergedAt: now - 3 * HOUR,
          mergeCommitSha: sha(33),
          labels: [],
          commits: [],
          linkedItems: [],
          approvals: [],
        },
      ],
      checks: [
        { commitSha: sha(33), name: "ci", conclusion: "success", completedAt: now - 3 * HOUR },
      ],
    });
    const candidates = productionCandidates(await store.load(), engine, now - HOUR);
    const added = await store.evidence.append(candidates, {
      asOf: now - HOUR,
      recordedAt: now - HOUR,
    });
    expect(added.map((r) => r.seq)).toEqual([35]);
    const beforeHold = { counts: await store.counts(), rows: await store.evidence.rows() };
    clock = cal(now, 1);
    const hold = retentionOf("legal_hold:\n  reason: case 42");
    const held = await runRetention(store, hold, clock, env);
    // Nothing is pruned (d4..d7 and [7-10] would be past a year from now).
    expect({ ...NONE, ...held.records }).toEqual(NONE);
    expect(held.ledger?.deleted ?? 0).toBe(0);
    expect(await store.counts()).toEqual(beforeHold.counts);
    expect(await store.evidence.rows()).toEqual(beforeHold.rows);
    // The nine earlier segments go under legal hold; [35-35] is sealed under it.
    expect.soft(held.held, "held").toBe(9);
    expect(held.sealed.map((s) => [s.firstSeq, s.lastSeq, Boolean(s.legalHold)])).toEqual([
      [35, 35, true],
    ]);
    const heldObjects = segmentObjects(s3);
    expect(heldObjects.map((o) => [o.key.slice(o.key.indexOf("ledger/")), o.legalHold])).toEqual(
      [...segments.map(([a, b]) => [a, b]), [35, 35]].map(([a, b]) => [
        name(a as number, b as number),
        true,
      ]),
    );
    expect(heldObjects.at(-1)).toMatchObject({
      mode: "COMPLIANCE",
      retainUntil: new Date(plusYears(now - HOUR, 7)).toISOString(),
    });
    // [1-5]'s retention ended (policy v2 + 7y = now − 6m + 11d) but its hold refuses a delete.
    const url = new URL(`${s3.url}/${BUCKET}/${actualKey(s3, 1, 5)}`);
    const response = await signedFetch("DELETE", url, KEYS);
    expect(response.status).toBe(403);

    // The hold lifted from the config: the run does not lift the bucket's holds (left to its
    // administrator) and prunes as a year from now says, reading the held segments back.
    // Horizon now − 6y; the store holds d3..d32, s0, s1, c2..c32, c-old, x1, ci on
    // d4..d32's commits, sast on d4's, i2..i4, v2..v5, k3..k31, k-long. Past, and kept:
    // - deployments d3..d7 and s0; d7 (api/production) and s0 (api/staging) are the last
    //   before the horizon and stay; d3..d6 go (4).
    // - changes c2..c7 and c-old; c2..c7 were merged after s0, still the earliest of the
    //   two, and stay; c-old, listed by d4 only (now past), goes (1). x1's c20 stays (0).
    // - checks: ci on d4..d7's commits and sast on d4's; none is on the commit of a
    //   deployment finished after the horizon (d8..d32, s1), so all go (5).
    // - i2 (1), v3 and v5 (2; both over at now − 7y + 1m), k3..k6 and k-long (5; it ends
    //   at now − 6y − 6m).
    // [7-10] leaves the ledger (newest d7 at now − 6y − 3m + 10d + 1h); [11-14]'s newest
    // d11 is at now − 5y − 3m + 10d + 1h, after the ledger's horizon.
    const lifted = await runRetention(store, retentionOf(), clock, env);
    expect(lifted.records).toEqual({
      ...NONE,
      ...{ deployment: 4, change: 1, incident: 1, check: 5, vulnerability: 2, cost: 5 },
    });
    expect(lifted.ledger).toMatchObject({ throughSeq: 10, deleted: 4 });
    const liftedLeft = await store.load();
    const ids = (list: { id: string }[]) => list.map((r) => r.id);
    expect(ids(liftedLeft.deployments)).toEqual(expect.arrayContaining(["d7", "s0", "d8"]));
    expect(ids(liftedLeft.deployments)).not.toContain("d6");
    expect(ids(liftedLeft.changes)).toEqual(expect.arrayContaining(["c2", "c7"]));
    expect(ids(liftedLeft.changes)).not.toContain("c-old");
    for (const o of s3.objects()) expect(o.legalHold, o.key).toBe(true);
  }, 300_000);
});
