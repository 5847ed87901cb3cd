// Blind tests of contract §8.1 (missing evidence is never a pass), one deployment at a
// time, written from the contract text alone (see v11-verdicts.ts for how a verdict is read).
import { describe, it } from "vitest";
import { shaOf } from "./helpers.ts";
import { CONTROLS, expectVerdicts, good, type Verdict } from "./v11-verdicts.ts";

const BOTH = (ca: Verdict, lt: Verdict) => ({ change_approval: ca, linked_ticket: lt });

describe("§8.1 change set of a deployment", () => {
  it("unknown (new commit, no list, no rollback, merge order gives none) → not evaluable for both", () => {
    // d0 lists c0, so merge order has nothing left for d1
    const d0 = { id: "d0", at: "2026-06-10", changes: ["c0"] };
    expectVerdicts(
      [d0, { id: "d1", at: "2026-06-29" }],
      [good("c0", "2026-06-09")],
      BOTH("ne", "ne"),
    );
  });

  it("the first deployment ever, with no change anywhere, is not evaluable for both", () => {
    expectVerdicts([{ id: "d1", at: "2026-06-29" }], [], BOTH("ne", "ne"));
  });

  it("an empty list passes both, even with an unapproved, unticketed change merged before it", () => {
    // the list says nothing shipped; merge order does not assign c9 to a listed deployment
    const bad = { id: "c9", mergedAt: "2026-06-28", author: "carol" };
    expectVerdicts([{ id: "d1", at: "2026-06-29", changes: [] }], [bad], BOTH("pass", "pass"));
  });

  it("a redeploy of a commit deployed before (not a rollback) passes both", () => {
    const x = shaOf("release-x");
    const d0 = { id: "d0", at: "2026-06-10", sha: x, changes: ["c0"] };
    expectVerdicts(
      [d0, { id: "d1", at: "2026-06-29", sha: x }],
      [good("c0", "2026-06-09")],
      BOTH("pass", "pass"),
    );
  });

  it("a rollback (rollbackOf) on a new commit with no list passes both", () => {
    const d0 = { id: "d0", at: "2026-06-20", changes: ["c0"] };
    const d1 = { id: "d1", at: "2026-06-29", rollbackOf: "d0" };
    expectVerdicts([d0, d1], [good("c0", "2026-06-19")], BOTH("pass", "pass"));
  });

  it("merge order giving it a change makes the set known: judged by that change", () => {
    expectVerdicts(
      [{ id: "d1", at: "2026-06-29" }],
      [good("c1", "2026-06-28")],
      BOTH("pass", "pass"),
    );
  });

  it("deployment_approval still judges an unknown change set, and is exported with ratio 0 not evaluable", () => {
    const d1 = {
      id: "d1",
      at: "2026-06-29",
      approvals: [["ops", "2026-06-28"]] as [string, string][],
    };
    const controls = { ...CONTROLS, deployment_approval: true };
    expectVerdicts([d1], [], { ...BOTH("ne", "ne"), deployment_approval: "pass" }, controls);
  });
});

describe("§8.1 several changes judging one control: fail > not evaluable > pass", () => {
  const u = good("u", "2026-06-27", { author: undefined, linked: ["PAY-2"] }); // author unknown
  const f = good("f", "2026-06-27", { author: "carol", approvals: [] }); // no approval
  const n = good("n", "2026-06-27", { linked: [] }); // no ticket
  const at = "2026-06-29";

  it("a change with no author is not evaluable for change_approval only", () => {
    expectVerdicts([{ id: "d1", at, changes: ["u"] }], [u], BOTH("ne", "pass"));
  });
  it("good + unknown author → change_approval not evaluable", () => {
    expectVerdicts(
      [{ id: "d1", at, changes: ["g", "u"] }],
      [good("g", "2026-06-27"), u],
      BOTH("ne", "pass"),
    );
  });
  it("good + unknown author + unapproved → change_approval fails", () => {
    const changes = [good("g", "2026-06-27"), u, f];
    expectVerdicts([{ id: "d1", at, changes: ["g", "u", "f"] }], changes, BOTH("fail", "pass"));
  });
  it("unknown author + no ticket → each control on its own evidence", () => {
    expectVerdicts([{ id: "d1", at, changes: ["u", "n"] }], [u, n], BOTH("ne", "fail"));
  });
});
