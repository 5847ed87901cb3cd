// verifyLedger on a four-record chain d-1 … d-4, tampered the ways an attacker with write
// access to the table could: each problem is named by seq and deployment.
import { describe, expect, it } from "vitest";
import { canonicalJson, sha256Hex } from "../../src/domain/canonical-json.ts";
import { headOf, seal } from "../../src/domain/evidence-chain.ts";
import { verifyLedger } from "../../src/evidence/verify.ts";
import { candidate, chain, edit, RECORDED_AT, stored } from "./chain-fixture.ts";

const { rows, head } = chain(4);
const at = (seq: number) => rows[seq - 1] as (typeof rows)[number];
const issue = (kind: string, seq: number, deploymentId: string | undefined, why: string) => ({
  kind,
  seq,
  deploymentId,
  message: `${kind}: ${why}`,
});
const mallory = (r: { facts: { approvals: { by: string }[] } }) => {
  (r.facts.approvals[0] as { by: string }).by = "mallory";
};

describe("evidence chain verification", () => {
  it("finds nothing wrong with an intact chain, or an empty one", () => {
    expect(verifyLedger(rows, head)).toEqual([]);
    expect(verifyLedger([], { seq: 0 })).toEqual([]);
    expect(JSON.parse(at(2).text).previous).toEqual({
      seq: 1,
      deploymentId: "d-1",
      hash: at(1).hash,
    });
    expect(JSON.parse(at(1).text).previous).toBeNull();
  });

  it("names a record whose content was changed", () => {
    const tampered = [at(1), edit(at(2), mallory, false), at(3), at(4)];
    expect(verifyLedger(tampered, head)).toEqual([
      issue("modified", 2, "d-2", "its content does not match its hash"),
    ]);
  });

  it("names a changed record even when its hash was recomputed, by the next record's link", () => {
    const tampered = [at(1), edit(at(2), mallory, true), at(3), at(4)];
    expect(verifyLedger(tampered, head)).toEqual([
      issue("modified", 2, "d-2", "record 3 holds another hash for it"),
    ]);
  });

  it("names a re-hashed last record by the head", () => {
    const tampered = [at(1), at(2), at(3), edit(at(4), mallory, true)];
    expect(verifyLedger(tampered, head)).toEqual([
      issue("modified", 4, "d-4", "the head holds another hash for it"),
    ]);
  });

  it("names a re-hashed record whose digest columns still say what it was", () => {
    const rehashed = edit(at(2), mallory, true);
    const staleDigest = { ...rehashed, factsDigest: at(2).factsDigest };
    const citedElsewhere = { ...at(3), policyDigest: "0".repeat(64) };
    expect(verifyLedger([at(1), staleDigest, citedElsewhere, at(4)], head)).toEqual([
      // One finding per record: the link from record 3 would name record 2 again.
      issue("modified", 2, "d-2", "its columns disagree with its content (facts_digest)"),
      issue("modified", 3, "d-3", "its columns disagree with its content (policy_digest)"),
    ]);
  });

  it("names text that is not the canonical form, and columns that disagree", () => {
    const pretty = { ...at(2), text: JSON.stringify(JSON.parse(at(2).text), null, 1) };
    const moved = { ...at(3), deploymentId: "d-9" };
    expect(verifyLedger([at(1), pretty, moved, at(4)], head)).toEqual([
      issue("modified", 2, "d-2", "its content is not the canonical JSON that was hashed"),
      issue("modified", 3, "d-9", "its columns disagree with its content (deployment_id)"),
    ]);
  });

  it("names deleted records: in the middle, at the start, several, and the last", () => {
    expect(verifyLedger([at(1), at(3), at(4)], head)).toEqual([
      issue("deleted", 2, "d-2", "record 3 follows record 2"),
    ]);
    expect(verifyLedger([at(2), at(3), at(4)], head)).toEqual([
      issue("deleted", 1, "d-1", "record 2 follows record 1"),
    ]);
    expect(verifyLedger([at(1), at(4)], head)).toEqual([
      issue("deleted", 2, undefined, "record 4 follows record 3"),
      issue("deleted", 3, "d-3", "record 4 follows record 3"),
    ]);
    expect(verifyLedger([at(1), at(2), at(3)], head)).toEqual([
      issue("deleted", 4, "d-4", "the ledger ends at record 3, its head is record 4"),
    ]);
  });

  it("names a record inserted after the head, even one linked correctly", () => {
    const forged = seal(candidate("d-forged", 5), head, null, {
      asOf: RECORDED_AT,
      recordedAt: RECORDED_AT,
    });
    expect(verifyLedger([...rows, stored(forged)], head)).toEqual([
      issue("inserted", 5, "d-forged", "it comes after the head, record 4"),
    ]);
  });

  it("names a record inserted in the middle, the later records renumbered", () => {
    const forged = stored(
      seal(candidate("d-forged", 2), headOf({ ...at(1), finishedAt: "", recordedAt: "" }), null, {
        asOf: RECORDED_AT,
        recordedAt: RECORDED_AT,
      }),
    );
    const shifted = [at(2), at(3), at(4)].map((r) => ({ ...r, seq: r.seq + 1 }));
    const found = verifyLedger([at(1), forged, ...shifted], head);
    expect(found.find((i) => i.seq === 2)).toEqual(
      issue("inserted", 2, "d-forged", "record 3 follows record 1"),
    );
    expect(found.map((i) => [i.kind, i.seq])).toEqual([
      ["inserted", 2],
      ["modified", 3],
      ["modified", 4],
      ["inserted", 5],
    ]);
  });

  it("names a record replaced by one for another deployment", () => {
    const replaced = edit(
      at(2),
      (r) => {
        r.deploymentId = "d-forged";
      },
      true,
    );
    const text = canonicalJson(JSON.parse(replaced.text));
    expect(sha256Hex(text)).toBe(replaced.hash);
    expect(
      verifyLedger([at(1), { ...replaced, deploymentId: "d-forged" }, at(3), at(4)], head),
    ).toEqual([
      issue("modified", 2, "d-forged", "record 3 follows a record of deployment d-2 there"),
    ]);
  });
});
