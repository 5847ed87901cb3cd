// Evidence records carry each control's verdict (METRICS.md decision 129): `not_evaluable`
// shows as such in packages, and records appended before verdicts existed (only `pass`)
// still verify, read as pass or fail, in the JSON and the CSV package alike.
import { describe, expect, it } from "vitest";
import { canonicalJson, sha256Hex } from "../../src/domain/canonical-json.ts";
import type { EvidenceCandidate } from "../../src/domain/evidence-candidate.ts";
import { type ChainHead, headOf, seal } from "../../src/domain/evidence-chain.ts";
import { type EvidenceControl, verdictOf } from "../../src/domain/evidence-record.ts";
import { buildPackage } from "../../src/evidence/package.ts";
import { packageCsv, parsePackageCsv } from "../../src/evidence/package-csv.ts";
import { verifyLedger } from "../../src/evidence/verify.ts";
import { checkableJson, verifyPackage } from "../../src/evidence/verify-package.ts";
import { parseCsv } from "../../src/import/csv.ts";
import type { StoredEvidence } from "../../src/store/evidence-ledger.ts";
import { RECORDED_AT, stored } from "./chain-fixture.ts";

const UNKNOWN = "change set unknown: no list of changes, merge order gives it none";

function candidate(id: string, day: number, controls: EvidenceControl[]): EvidenceCandidate {
  const finishedAt = `2026-06-${String(day).padStart(2, "0")}T10:00:00.000Z`;
  const facts = {
    service: "checkout",
    environment: "production",
    commitSha: "a".repeat(40),
    finishedAt,
    approvals: [],
    containment: "merge_order" as const,
    changes: [],
    checks: [],
  };
  return {
    deploymentId: id,
    facts,
    factsDigest: sha256Hex(canonicalJson(facts)),
    verdict: { compliant: controls.every((c) => c.pass), controls },
  };
}

// old-1 and old-2 as appended before v1.1 (no `verdict` on a control); new-3 after.
function ledger() {
  const candidates = [
    candidate("old-1", 1, [{ control: "change_approval", pass: true, reason: "ships no change" }]),
    candidate("old-2", 2, [
      { control: "linked_ticket", pass: false, reason: "c2: no linked work item" },
    ]),
    candidate("new-3", 3, [
      { control: "change_approval", pass: false, verdict: "not_evaluable", reason: UNKNOWN },
    ]),
  ];
  const rows: StoredEvidence[] = [];
  let head: ChainHead = { seq: 0 };
  for (const c of candidates) {
    const sealed = seal(c, head, null, { asOf: RECORDED_AT, recordedAt: RECORDED_AT });
    rows.push(stored(sealed));
    head = headOf(sealed);
  }
  return { rows, head };
}

const period = { from: "2026-06-01", to: "2026-07-01", exportedAt: "2026-07-01T00:00:00.000Z" };

describe("control verdicts in evidence records", () => {
  it("a record without `verdict` reads as its pass; a new one as it says", () => {
    expect(verdictOf({ control: "x", pass: true, reason: "" })).toBe("pass");
    expect(verdictOf({ control: "x", pass: false, reason: "" })).toBe("fail");
    expect(verdictOf({ control: "x", pass: false, verdict: "not_evaluable", reason: "" })).toBe(
      "not_evaluable",
    );
  });

  it("the old records' text is untouched: the chain verifies", () => {
    const { rows, head } = ledger();
    expect(rows[0]?.text).not.toContain('"verdict":"pass"');
    expect(rows[2]?.text).toContain('"verdict":"not_evaluable"');
    expect(verifyLedger(rows, head)).toEqual([]);
  });

  it("the CSV package shows pass, FAIL and NOT_EVALUABLE, and verifies offline", () => {
    const { rows, head } = ledger();
    const csv = packageCsv(buildPackage(rows, head, period));
    const table = parseCsv(csv).map((r) => r.fields);
    const column = (table[0] ?? []).indexOf("controls");
    expect(table.filter((r) => r[0] === "deployment").map((r) => [r[2], r[column]])).toEqual([
      ["old-1", "change_approval pass: ships no change"],
      ["old-2", "linked_ticket FAIL: c2: no linked work item"],
      ["new-3", `change_approval NOT_EVALUABLE: ${UNKNOWN}`],
    ]);
    expect(verifyPackage(parsePackageCsv(csv))).toEqual([]);
  });

  it("the JSON package keeps each record's controls as recorded, and verifies offline", () => {
    const { rows, head } = ledger();
    const pkg = buildPackage(rows, head, period);
    expect(pkg.deployments.map((d) => d.controls[0])).toEqual([
      { control: "change_approval", pass: true, reason: "ships no change" },
      { control: "linked_ticket", pass: false, reason: "c2: no linked work item" },
      { control: "change_approval", pass: false, verdict: "not_evaluable", reason: UNKNOWN },
    ]);
    expect(verifyPackage(checkableJson(JSON.parse(JSON.stringify(pkg))))).toEqual([]);
  });

  it("a row edited from not evaluable to pass is caught", () => {
    const { rows, head } = ledger();
    const pkg = buildPackage(rows, head, period);
    const forged = structuredClone(pkg);
    const row = forged.deployments[2];
    if (row)
      row.controls = [{ control: "change_approval", pass: true, verdict: "pass", reason: "ok" }];
    expect(verifyPackage(checkableJson(forged)).map((i) => i.where)).toEqual(["deployment new-3"]);
  });
});
