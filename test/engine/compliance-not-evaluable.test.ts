// Contract §8.1 (METRICS.md decision 127): missing evidence is never a pass. Each case
// reads the engine's verdict and reason for one deployment, hand-derived from the rule.
import { describe, expect, it } from "vitest";
import type { RecordSet } from "../../src/domain/records.ts";
import { analyzeRecords } from "../../src/engine/snapshot.ts";
import {
  AS_OF,
  type ChangeSpec,
  change,
  check,
  config,
  type DeploymentSpec,
  deployment,
  ms,
  records,
  shaOf,
} from "./helpers.ts";

const CONTROLS = { change_approval: 1, linked_ticket: "^[A-Z]+-[0-9]+$" };
const UNKNOWN =
  "change set unknown: no list of changes, merge order gives it none, and no earlier production deployment had deployed its commit";

/** Approved by bob before merge, authored by alice, ticket PAY-1. */
const good = (id: string, mergedAt: string, more: Partial<ChangeSpec> = {}): ChangeSpec => ({
  id,
  mergedAt,
  author: "alice",
  approvals: [["bob", "2026-06-01"]],
  linked: ["PAY-1"],
  ...more,
});

function verdicts(
  deployments: DeploymentSpec[],
  changes: ChangeSpec[],
  id: string,
  r: Partial<RecordSet> = {},
  controls: Record<string, unknown> = CONTROLS,
) {
  const all = records({
    deployments: deployments.map(deployment),
    changes: changes.map(change),
    ...r,
  });
  const { analysis } = analyzeRecords(all, config({ compliance: { controls } }), ms(AS_OF));
  const facts = analysis.deployments.find((f) => f.deployment.id === id);
  if (!facts) throw new Error(`${id} is no production deployment`);
  return {
    compliant: facts.compliant,
    changeSet: facts.changeSet,
    controls: Object.fromEntries(
      facts.controls.map((v) => [
        v.control,
        { verdict: v.verdict, pass: v.pass, reason: v.reason },
      ]),
    ),
  };
}

const ne = (reason: string) => ({ verdict: "not_evaluable", pass: false, reason });
const pass = (reason: string) => ({ verdict: "pass", pass: true, reason });
const fail = (reason: string) => ({ verdict: "fail", pass: false, reason });

describe("a deployment's change set (§8.1)", () => {
  it("unknown: no list, a new commit, not a rollback, merge order gives none → not evaluable", () => {
    // d0 lists c0, so merge order has nothing left for d1; d1's commit is new
    const v = verdicts(
      [
        { id: "d0", at: "2026-06-10", changes: ["c0"] },
        { id: "d1", at: "2026-06-29" },
      ],
      [good("c0", "2026-06-09")],
      "d1",
    );
    expect(v).toEqual({
      compliant: false,
      changeSet: "unknown",
      controls: { change_approval: ne(UNKNOWN), linked_ticket: ne(UNKNOWN) },
    });
  });

  it("an empty list is the source's word that nothing shipped: both pass", () => {
    // c9 is unapproved and unticketed, merged before d1, but merge order skips listed d1
    const v = verdicts(
      [{ id: "d1", at: "2026-06-29", changes: [] }],
      [{ id: "c9", mergedAt: "2026-06-28", author: "carol" }],
      "d1",
    );
    const why = "ships no change: its list of changes is empty";
    expect(v).toEqual({
      compliant: true,
      changeSet: "listed",
      controls: { change_approval: pass(why), linked_ticket: pass(why) },
    });
  });

  it("a redeploy of a commit a production deployment had deployed a year before passes both", () => {
    // d0 is far outside every window; d1 redeploys its commit (same as the previous: no rollback)
    const x = shaOf("release-x");
    const v = verdicts(
      [
        { id: "d0", at: "2025-06-01", sha: x, changes: [] },
        { id: "d1", at: "2026-06-29", sha: x },
      ],
      [],
      "d1",
    );
    const why = "ships no change: it redeploys a commit deployed before";
    expect(v.changeSet).toBe("redeploy");
    expect(v.controls).toEqual({ change_approval: pass(why), linked_ticket: pass(why) });
  });

  it("a commit deployed only to staging before is not deployed before: unknown", () => {
    const x = shaOf("release-x");
    const v = verdicts(
      [
        { id: "s0", at: "2026-06-20", sha: x, env: "staging" },
        { id: "d1", at: "2026-06-29", sha: x },
      ],
      [],
      "d1",
    );
    expect(v.changeSet).toBe("unknown");
  });

  it("a later production deployment of the same commit does not make an earlier one known", () => {
    const x = shaOf("release-x");
    const v = verdicts(
      [
        { id: "d1", at: "2026-06-28", sha: x },
        { id: "d2", at: "2026-06-29", sha: x },
      ],
      [],
      "d1",
    );
    expect(v.changeSet).toBe("unknown");
  });

  it("a rollback (rollbackOf) on a new commit without a list passes both", () => {
    const v = verdicts(
      [
        { id: "d0", at: "2026-06-20", changes: ["c0"] },
        { id: "d1", at: "2026-06-29", rollbackOf: "d0" },
      ],
      [good("c0", "2026-06-19")],
      "d1",
    );
    const why = "ships no change: it is a rollback";
    expect(v.changeSet).toBe("rollback");
    expect(v.controls).toEqual({ change_approval: pass(why), linked_ticket: pass(why) });
  });

  it("merge order giving it a change makes the set known, judged by that change", () => {
    const v = verdicts([{ id: "d1", at: "2026-06-29" }], [good("c1", "2026-06-28")], "d1");
    expect(v.changeSet).toBe("merge_order");
    expect(v.controls).toEqual({
      change_approval: pass("every change approved before merge"),
      linked_ticket: pass("every change links a work item"),
    });
  });

  it("required_checks and deployment_approval judge an unknown change set as before", () => {
    const d1 = {
      id: "d1",
      at: "2026-06-29",
      approvals: [["ops", "2026-06-28"]] as [string, string][],
    };
    const checks = [check(shaOf("d1"), "sast", "success", "2026-06-28")];
    const controls = { ...CONTROLS, required_checks: ["sast"], deployment_approval: true };
    const v = verdicts([d1], [], "d1", { checks }, controls);
    expect(v.controls).toEqual({
      required_checks: pass("all required checks succeeded"),
      change_approval: ne(UNKNOWN),
      deployment_approval: pass("deployment approved"),
      linked_ticket: ne(UNKNOWN),
    });
  });
});

describe("several changes judging one control: fail, else not evaluable, else pass", () => {
  const at = "2026-06-29";
  const u = good("u", "2026-06-27", { author: undefined }); // approved by bob, author unknown
  const f = good("f", "2026-06-27", { author: "carol", approvals: [] }); // no approval
  const n = good("n", "2026-06-27", { linked: [] }); // no ticket
  const U =
    "u: author unknown, so its 1 approval before merge cannot be shown to come from someone else";

  it("an unknown author leaves change_approval not evaluable, and linked_ticket passes", () => {
    const v = verdicts([{ id: "d1", at, changes: ["u"] }], [u], "d1");
    expect(v.controls).toEqual({
      change_approval: ne(U),
      linked_ticket: pass("every change links a work item"),
    });
  });

  it("good + unknown author → not evaluable", () => {
    const v = verdicts([{ id: "d1", at, changes: ["g", "u"] }], [good("g", "2026-06-27"), u], "d1");
    expect(v.controls.change_approval).toEqual(ne(U));
  });

  it("good + unknown author + unapproved → fails, naming the failure", () => {
    const changes = [good("g", "2026-06-27"), u, f];
    const v = verdicts([{ id: "d1", at, changes: ["g", "u", "f"] }], changes, "d1");
    expect(v.controls.change_approval).toEqual(fail("f: 0 of 1 approvals before merge"));
  });

  it("an unknown author with too few approvals by anyone fails: no author makes up for them", () => {
    const lone = good("l", "2026-06-27", { author: undefined, approvals: [] });
    const v = verdicts([{ id: "d1", at, changes: ["l"] }], [lone], "d1");
    expect(v.controls.change_approval).toEqual(fail("l: 0 of 1 approvals before merge"));
  });

  it("each control on its own evidence: unknown author and a missing ticket", () => {
    const v = verdicts([{ id: "d1", at, changes: ["u", "n"] }], [u, n], "d1");
    expect(v.controls).toEqual({
      change_approval: ne(U),
      linked_ticket: fail("n: no linked work item"),
    });
  });
});
