// Blind test of contract §8.1 with §8.2: an unknown change set is not evaluable only for
// a deployment that change_approval judges, i.e. one finishing once a policy enabling it is in
// force. The second policy's effective_from is written with a +02:00 offset (= 06-25T00:00Z).
// 7d = (06-23, 06-30], 30d = (05-31, 06-30].
import { describe, it } from "vitest";
import { change, deployment, expectRows, M, rows, snapshot } from "./helpers.ts";

const NE = "kpi_compliance_control_not_evaluable_ratio";
const policies = [
  { effective_from: "2026-06-01T00:00:00Z", controls: { deployment_approval: true } },
  {
    effective_from: "2026-06-25T02:00:00+02:00",
    controls: { deployment_approval: true, change_approval: 1 },
  },
];

//  dep  finished    policy  ships                  change_approval  compliant
//  e9   06-10       1       x9 (unapproved)        not judged       yes
//  e0   06-24T23    1       unknown                not judged       yes
//  e1   06-25T01    2       unknown                not evaluable    no
//  e3   06-28       2       [] (nothing)           pass             yes
// All approved by ops at their finishedAt, so deployment_approval passes for every one.
const dep = (id: string, at: string, changes?: string[]) =>
  deployment({ id, at, changes, approvals: [["ops", at]] });
const snap = () =>
  snapshot(
    {
      deployments: [
        dep("e9", "2026-06-10", ["x9"]),
        dep("e0", "2026-06-24T23:00Z"),
        dep("e1", "2026-06-25T01:00Z"),
        dep("e3", "2026-06-28", []),
      ],
      changes: [change({ id: "x9", mergedAt: "2026-06-09", author: "carol" })],
    },
    { compliance: { policies } },
  );
const ca = { control: "change_approval" };
const da = { control: "deployment_approval" };

describe("§8.1 × §8.2: not evaluable only where the control is in force", () => {
  it("7d: e0 e1 e3", () => {
    expectRows(snap(), [
      ...rows(M.coverage, "7d", { org: 2 / 3, payments: 2 / 3, checkout: 2 / 3 }), // e0 e3
      ...rows(M.controlPass, "7d", { org: 1 / 2, checkout: 1 / 2 }, ca), // e3 of e1 e3
      ...rows(NE, "7d", { org: 1 / 2, checkout: 1 / 2 }, ca), // e1 of e1 e3
      ...rows(M.controlPass, "7d", { org: 1, checkout: 1 }, da), // 3/3
      ...rows(NE, "7d", { org: 0, checkout: 0 }, da),
    ]);
  });

  it("30d: e9 e0 e1 e3", () => {
    expectRows(snap(), [
      ...rows(M.coverage, "30d", { org: 3 / 4, payments: 3 / 4, checkout: 3 / 4 }), // e9 e0 e3
      ...rows(M.controlPass, "30d", { org: 1 / 2, checkout: 1 / 2 }, ca), // still e1 e3 only
      ...rows(NE, "30d", { org: 1 / 2, checkout: 1 / 2 }, ca),
      ...rows(M.controlPass, "30d", { org: 1, checkout: 1 }, da), // 4/4
      ...rows(M.controlPass, "30d", { billing: undefined, gateway: undefined }, ca),
    ]);
  });
});
