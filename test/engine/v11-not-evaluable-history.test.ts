// Blind tests of contract §8.1: what counts as "a commit that an earlier production
// deployment of the service had deployed", and lists that ship nothing. Verdicts are read as
// in v11-verdicts.ts (the judged deployment is the only one in 7d, at 06-29).
import { describe, it } from "vitest";
import { change, deployment, expectRows, M, rows, shaOf, snapshot } from "./helpers.ts";
import { CONTROLS, expectVerdicts, good, NOT_EVALUABLE } from "./v11-verdicts.ts";

const X = shaOf("release-x");
const NE_BOTH = { change_approval: "ne", linked_ticket: "ne" } as const;
const PASS_BOTH = { change_approval: "pass", linked_ticket: "pass" } as const;
const d1 = { id: "d1", at: "2026-06-29", sha: X };

describe("§8.1 an earlier deployment of the same commit makes the set known only when…", () => {
  it("…it was a production deployment of the same service (billing's does not count)", () => {
    const billing = { id: "b0", service: "billing", at: "2026-06-10", sha: X, changes: [] };
    expectVerdicts([billing, d1], [], NE_BOTH);
  });

  it("…it was a production deployment (a staging one does not count)", () => {
    expectVerdicts([{ id: "s0", env: "staging", at: "2026-06-10", sha: X }, d1], [], NE_BOTH);
  });

  it("…it went live (a failed attempt on prod does not count)", () => {
    const attempt = { id: "f0", at: "2026-06-10", sha: X, status: "failure" as const };
    expectVerdicts([attempt, d1], [], NE_BOTH);
  });

  it("…and then it passes both, the same commit redeployed", () => {
    expectVerdicts([{ id: "p0", at: "2026-06-10", sha: X, changes: [] }, d1], [], PASS_BOTH);
  });
});

describe("§8.1 deployments that ship nothing by the source's statement pass both", () => {
  it("a rollback by redeployed SHA (next after a1, redeploys a0's commit)", () => {
    const a0 = { id: "a0", at: "2026-06-10", sha: X, changes: ["c0"] };
    const a1 = { id: "a1", at: "2026-06-15", changes: ["c1"] };
    const changes = [good("c0", "2026-06-09"), good("c1", "2026-06-14")];
    expectVerdicts([a0, a1, d1], changes, PASS_BOTH);
  });

  it("a rollback (rollbackOf) listing an unapproved, unticketed change: rollbacks ship nothing", () => {
    const a0 = { id: "a0", at: "2026-06-10", changes: [] };
    const r = { id: "r", at: "2026-06-29", rollbackOf: "a0", changes: ["bad"] };
    expectVerdicts([a0, r], [{ id: "bad", mergedAt: "2026-06-28", author: "carol" }], PASS_BOTH);
  });

  it("a list naming only another service's change ships nothing of its own", () => {
    // "ships exactly the listed changes of its service": none here, and the list makes the set known
    const foreign = { id: "b9", service: "billing", mergedAt: "2026-06-28", author: "carol" };
    expectVerdicts([{ id: "d1", at: "2026-06-29", changes: ["b9"] }], [foreign], PASS_BOTH);
  });

  it("an unknown set stays not evaluable for both while deployment_approval fails on its own", () => {
    const controls = {
      change_approval: 1,
      linked_ticket: "^[A-Z]+-[0-9]+$",
      deployment_approval: true,
    };
    expectVerdicts(
      [{ id: "d1", at: "2026-06-29" }],
      [],
      { ...NE_BOTH, deployment_approval: "fail" },
      controls,
    );
  });
});

describe("§8.1 'merge order gives it none'", () => {
  it("an earlier unlisted deployment took the only unlisted change: the next one is unknown", () => {
    // d0 (06-10, no list) ships c0 by merge order; d1 (06-29, new commit, no list) gets nothing
    const d0 = { id: "d0", at: "2026-06-10" };
    expectVerdicts([d0, { id: "d1", at: "2026-06-29" }], [good("c0", "2026-06-09")], NE_BOTH);
  });

  it("a change merged before d1 but listed by the later d2 does not make d1's set known", () => {
    // c2 (06-25) is listed by d2 (06-28), so merge order does not give it to d1 (06-26):
    // d1 not evaluable, d2 passes → coverage 1/2, pass 1/2, not evaluable 1/2
    const snap = snapshot(
      {
        deployments: [
          deployment({ id: "d1", at: "2026-06-26" }),
          deployment({ id: "d2", at: "2026-06-28", changes: ["c2"] }),
        ],
        changes: [change(good("c2", "2026-06-25"))],
      },
      { compliance: { controls: CONTROLS } },
    );
    const half = { org: 1 / 2, payments: 1 / 2, checkout: 1 / 2 };
    expectRows(snap, [
      ...rows(M.coverage, "7d", half),
      ...["change_approval", "linked_ticket"].flatMap((control) => [
        ...rows(M.controlPass, "7d", half, { control }),
        ...rows(NOT_EVALUABLE, "7d", half, { control }),
      ]),
    ]);
  });
});
