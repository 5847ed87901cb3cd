import { generateKeyPairSync } from "node:crypto";
import { afterEach, beforeEach, expect, test } from "vitest";
import { openArchive } from "../../src/archive/open-archive.ts";
import { amzDateOf, signRequest } from "../../src/archive/sigv4.ts";
import { sha256Hex } from "../../src/domain/canonical-json.ts";
import { signCheckpoint } from "../../src/evidence/checkpoint.ts";
import { addCheckpoint, anchorProblems, readWitness } from "../../src/evidence/witness.ts";
import { runRetention } from "../../src/retention/run-retention.ts";
import { openStore } from "../../src/store/open.ts";
import type { Store } from "../../src/store/store.ts";
import { runCli } from "../support/cli.ts";
import { type FakeS3, startFakeS3 } from "../support/fake-s3/index.ts";
import { NOW, retention, seedEightYears } from "./eight-years.ts";

// The archive and the witness in an S3 bucket with Object Lock, over real HTTP to a fake
// that checks every Signature Version 4 and enforces compliance-mode locks.

const KEYS = { accessKeyId: "AKIDRETENTION", secretAccessKey: "retention-secret" };
let fake: FakeS3;
let store: Store;
let env: Record<string, string>;
beforeEach(async () => {
  fake = await startFakeS3({ bucket: "evidence", ...KEYS, region: "eu-central-1", now: () => NOW });
  env = {
    AWS_ENDPOINT_URL: fake.url,
    AWS_REGION: "eu-central-1",
    AWS_ACCESS_KEY_ID: KEYS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: KEYS.secretAccessKey,
  };
  store = await openStore({});
  await seedEightYears(store);
});
afterEach(async () => {
  await store.close();
  await fake.close();
});

const settings = (extra: Record<string, unknown> = {}) =>
  retention({ archive: "s3://evidence/kpi/", segment_records: 2, ...extra });

test("segments are written once, locked in compliance mode until 7 years after their newest record", async () => {
  await runRetention(store, settings(), NOW, env);
  expect(
    fake.objects().map((o) => [o.key, o.mode, o.retainUntil, o.legalHold, o.versions]),
  ).toEqual([
    // Past its 7 years already (2026-06-01): locked a day from sealing, S3 wants a future date.
    [
      "kpi/ledger/segment-000000000001-000000000002.ndjson",
      "COMPLIANCE",
      "2026-12-02T00:00:00.000Z",
      false,
      1,
    ],
    [
      "kpi/ledger/segment-000000000003-000000000004.ndjson",
      "COMPLIANCE",
      "2027-06-01T11:00:00.000Z",
      false,
      1,
    ],
    [
      "kpi/ledger/segment-000000000005-000000000006.ndjson",
      "COMPLIANCE",
      "2033-11-01T11:00:00.000Z",
      false,
      1,
    ],
  ]);
  // The bucket refuses to delete a locked segment, whoever asks.
  const url = new URL(`${fake.url}/evidence/kpi/ledger/segment-000000000005-000000000006.ndjson`);
  const headers = signRequest(
    { method: "DELETE", url, headers: {}, payloadSha256: sha256Hex("") },
    KEYS,
    "eu-central-1",
    amzDateOf(Date.now()),
  );
  expect((await fetch(url, { method: "DELETE", headers })).status).toBe(403);
  const cli = await runCli(["evidence", "verify", "--archive", "s3://evidence/kpi/"], { env });
  expect([cli.code, cli.stdout]).toEqual([
    0,
    expect.stringMatching(
      /^evidence archive intact: 3 segments, records 1–6, last record sha256 [0-9a-f]{64}/,
    ),
  ]);
});

test("a legal hold puts every segment sealed before it on hold, and new ones under it", async () => {
  await runRetention(store, settings(), NOW, env);
  const outcome = await runRetention(
    store,
    settings({ legal_hold: { reason: "case 42" } }),
    NOW,
    env,
  );
  expect(outcome.held).toBe(3);
  expect(fake.objects().every((o) => o.legalHold)).toBe(true);
});

test("a failing bucket fails the run before anything is noted or pruned", async () => {
  fake.failNext(1, 503);
  await expect(runRetention(store, settings(), NOW, env)).rejects.toThrow(/SlowDown/);
  expect(await store.ledgerArchive.segments()).toEqual([]);
  expect((await store.counts()).deployment).toBe(6);
});

test("wrong keys are refused by the bucket and named", async () => {
  const wrong = { ...env, AWS_SECRET_ACCESS_KEY: "not-it" };
  await expect(runRetention(store, settings(), NOW, wrong)).rejects.toThrow(
    /s3:\/\/evidence\/kpi\/: list ledger\/segment-000000000001- refused: SignatureDoesNotMatch/,
  );
});

test("checkpoints go to the bucket, locked, and are read back from it", async () => {
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  const witness = openArchive("s3://evidence/witness", env);
  const head = await store.evidence.head();
  await addCheckpoint(witness, signCheckpoint(head, NOW, privateKey));
  const [object] = fake.objects();
  expect([object?.mode, object?.retainUntil]).toEqual(["COMPLIANCE", "2033-12-01T00:00:00.000Z"]);
  const reading = await readWitness(witness, publicKey);
  expect(reading.checkpoints.map((c) => c.seq)).toEqual([6]);
  expect(anchorProblems(await store.evidence.rows(), head, reading.checkpoints)).toEqual([]);
});
