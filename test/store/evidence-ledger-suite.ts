import { afterEach, expect, test } from "vitest";
import type { EvidenceRecord } from "../../src/domain/evidence-record.ts";
import { recordEvidence } from "../../src/evidence/record-evidence.ts";
import { verifyLedger } from "../../src/evidence/verify.ts";
import type { SqlConnection } from "../../src/store/sql.ts";
import type { Store } from "../../src/store/store.ts";
import { AS_OF, config as engineConfig, ms } from "../engine/helpers.ts";
import { config, scenario } from "../explain/scenario.ts";

// The ledger on a real database: what append() adds and when, the triggers that refuse
// edits, and tampering through SQL by someone who disables them first. `open` gives a
// migrated store and a raw connection to the same database.

export type OpenLedger = () => Promise<{ store: Store; db: SqlConnection }>;

const RECORDED = ms("2026-07-01T00:00:00Z");
const record = (text: string) => JSON.parse(text) as EvidenceRecord;

export function defineEvidenceLedgerSuite(open: OpenLedger): void {
  const opened: Store[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()));
  });
  /** A store holding the scenario's six production deployments as records 1–6. */
  async function seeded() {
    const ledger = await open();
    opened.push(ledger.store);
    const run = { records: scenario(), engine: config(), asOf: ms(AS_OF), now: () => RECORDED };
    const appended = await recordEvidence(ledger.store, run);
    return { ...ledger, run, appended };
  }
  const verify = async (store: Store) =>
    verifyLedger(await store.evidence.rows(), await store.evidence.head());
  const asAttacker = (db: SqlConnection, sql: string) =>
    db.exec(`ALTER TABLE evidence_records DISABLE TRIGGER USER; ${sql};
             ALTER TABLE evidence_records ENABLE TRIGGER USER`);

  test("appends each production deployment once, in finish order, chained", async () => {
    const { store, appended, run } = await seeded();
    expect(appended.map((r) => [r.seq, r.deploymentId])).toEqual(
      ["d1", "d2", "d3", "d4", "d5", "d6"].map((id, i) => [i + 1, id]),
    );
    const rows = await store.evidence.rows();
    expect(rows.map((r) => r.text)).toEqual(appended.map((r) => r.text));
    const d2 = record(rows[1]?.text ?? "");
    expect(d2.previous).toEqual({ seq: 1, deploymentId: "d1", hash: rows[0]?.hash });
    expect(d2.facts.containment).toBe("explicit");
    expect(d2.facts.changes.map((c) => c.id)).toEqual(["c2"]);
    expect(d2.verdict.compliant).toBe(false);
    expect(d2.recordedAt).toBe("2026-07-01T00:00:00.000Z");
    expect(await store.evidence.head()).toEqual({
      seq: 6,
      deploymentId: "d6",
      hash: rows[5]?.hash,
    });
    expect(await recordEvidence(store, run)).toEqual([]);
    expect(await verify(store)).toEqual([]);
  });

  test("a change of a deployment's facts appends a correction; a policy change does not", async () => {
    const { store, run } = await seeded();
    const records = scenario();
    const d2 = records.deployments.find((d) => d.id === "d2");
    d2?.approvals.push({ by: "rita", at: ms("2026-06-20T09:50:00Z") });
    const corrected = await recordEvidence(store, { ...run, records });
    expect(corrected.map((r) => [r.seq, r.deploymentId])).toEqual([[7, "d2"]]);
    const latest = record(corrected[0]?.text ?? "");
    expect(latest.supersedes).toBe(2);
    expect(latest.verdict.controls.find((c) => c.control === "deployment_approval")?.pass).toBe(
      true,
    );
    // Without any control every verdict would change, but the facts did not.
    const relaxed = { ...run, records, engine: engineConfig({ compliance: { controls: {} } }) };
    expect(await recordEvidence(store, relaxed)).toEqual([]);
    expect(await verify(store)).toEqual([]);
  });

  test("refuses UPDATE, DELETE and TRUNCATE of records, and moving the head back", async () => {
    const { db } = await seeded();
    for (const sql of [
      "UPDATE evidence_records SET hash = 'x' WHERE seq = 1",
      "DELETE FROM evidence_records WHERE seq = 6",
      "TRUNCATE evidence_records",
      "DELETE FROM evidence_head",
    ])
      await expect(db.exec(sql), sql).rejects.toThrow(/the evidence ledger is append-only/);
    await expect(db.exec("UPDATE evidence_head SET seq = 5")).rejects.toThrow(/only moves forward/);
    const count = await db.query<{ n: number }>(
      "SELECT count(*)::integer AS n FROM evidence_records",
    );
    expect(count[0]?.n).toBe(6);
  });

  test("names a record changed through SQL, with or without its hash recomputed", async () => {
    const { store, db } = await seeded();
    await asAttacker(
      db,
      "UPDATE evidence_records SET record = replace(record, 'rita', 'mallory') WHERE seq = 1",
    );
    expect(await verify(store)).toEqual([
      {
        kind: "modified",
        seq: 1,
        deploymentId: "d1",
        message: "modified: its content does not match its hash",
      },
    ]);
    await asAttacker(
      db,
      "UPDATE evidence_records SET hash = encode(sha256(convert_to(record, 'UTF8')), 'hex') WHERE seq = 1",
    );
    // Re-hashed, the text still disagrees with its facts digest column (and record 2's link).
    expect(await verify(store)).toEqual([
      {
        kind: "modified",
        seq: 1,
        deploymentId: "d1",
        message: "modified: its columns disagree with its content (facts_digest)",
      },
    ]);
    await asAttacker(
      db,
      "UPDATE evidence_records SET facts_digest = 'x' || facts_digest WHERE seq = 2",
    );
    expect((await verify(store)).map((i) => [i.seq, i.message])).toEqual([
      [1, "modified: its columns disagree with its content (facts_digest)"],
      [2, "modified: its columns disagree with its content (facts_digest)"],
    ]);
  });

  test("names records deleted through SQL, in the middle and at the end", async () => {
    const { store, db } = await seeded();
    await asAttacker(db, "DELETE FROM evidence_records WHERE seq IN (3, 6)");
    expect(await verify(store)).toEqual([
      {
        kind: "deleted",
        seq: 3,
        deploymentId: "d3",
        message: "deleted: record 4 follows record 3",
      },
      {
        kind: "deleted",
        seq: 6,
        deploymentId: "d6",
        message: "deleted: the ledger ends at record 5, its head is record 6",
      },
    ]);
  });

  test("names a record inserted through SQL, copied from a real one", async () => {
    const { store, db } = await seeded();
    await asAttacker(
      db,
      `INSERT INTO evidence_records
         SELECT 7, 'd-forged', finished_at, recorded_at, facts_digest,
                replace(record, '"seq":6', '"seq":7'), hash
           FROM evidence_records WHERE seq = 6`,
    );
    const found = await verify(store);
    expect(found.map((i) => [i.kind, i.seq, i.deploymentId])).toEqual([
      ["inserted", 7, "d-forged"],
    ]);
  });
}
