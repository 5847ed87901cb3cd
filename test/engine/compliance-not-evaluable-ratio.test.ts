// kpi_compliance_control_not_evaluable_ratio (METRICS.md decision 128): not evaluable ÷ the
// production deployments the control judged, at every scope and window where it judged
// at least one; zeros are exported, a scope the control never judged has no series.
import { describe, it } from "vitest";
import { change, deployment, expectRows, M, rows, snapshot } from "./helpers.ts";

const NE = M.controlNotEvaluable;
const CA = { control: "change_approval" };
const LT = { control: "linked_ticket" };

// Team platform disables change_approval; every other control is the organisation's.
//  dep  service   finished  ships              change_approval   linked_ticket
//  k1   checkout  06-29     unknown            not evaluable     not evaluable
//  b1   billing   06-28     [] (listed)        pass              pass
//  g1   gateway   06-29     unknown            (not judged)      not evaluable
//  k2   checkout  06-20     c1 (good)          pass              pass
// 7d (06-23, 06-30]: k1 b1 g1; 30d (05-31, 06-30]: + k2.
function snap() {
  const teams = [
    { name: "payments", services: [{ name: "checkout" }, { name: "billing" }] },
    {
      name: "platform",
      services: [{ name: "gateway" }],
      compliance: { controls: { change_approval: 0 } },
    },
  ];
  return snapshot(
    {
      deployments: [
        deployment({ id: "k1", at: "2026-06-29" }),
        deployment({ id: "b1", service: "billing", at: "2026-06-28", changes: [] }),
        deployment({ id: "g1", service: "gateway", at: "2026-06-29" }),
        deployment({ id: "k2", at: "2026-06-20", changes: ["c1"] }),
      ],
      changes: [
        change({
          id: "c1",
          mergedAt: "2026-06-19",
          author: "alice",
          approvals: [["bob", "2026-06-18"]],
          linked: ["PAY-1"],
        }),
      ],
    },
    { teams, compliance: { controls: { change_approval: 1, linked_ticket: "^[A-Z]+-[0-9]+$" } } },
  );
}

describe("kpi_compliance_control_not_evaluable_ratio", () => {
  it("7d: k1 b1 g1", () => {
    const none = undefined;
    expectRows(snap(), [
      // change_approval judged k1 (ne) and b1 (pass); platform never: no series there
      ...rows(NE, "7d", { org: 1 / 2, payments: 1 / 2, checkout: 1, billing: 0 }, CA),
      ...rows(NE, "7d", { platform: none, gateway: none }, CA),
      ...rows(M.controlPass, "7d", { org: 1 / 2, checkout: 0, billing: 1, platform: none }, CA),
      // linked_ticket judged all three: k1 and g1 not evaluable
      ...rows(NE, "7d", { org: 2 / 3, payments: 1 / 2, platform: 1, checkout: 1 }, LT),
      ...rows(NE, "7d", { billing: 0, gateway: 1 }, LT),
      ...rows(M.controlPass, "7d", { org: 1 / 3, payments: 1 / 2, platform: 0 }, LT),
      // compliant: b1 only; not evaluable is no pass
      ...rows(M.coverage, "7d", { org: 1 / 3, payments: 1 / 2, platform: 0, gateway: 0 }),
    ]);
  });

  it("30d: k2 joins, judged and passing both", () => {
    expectRows(snap(), [
      ...rows(NE, "30d", { org: 1 / 3, payments: 1 / 3, checkout: 1 / 2, billing: 0 }, CA),
      ...rows(NE, "30d", { platform: undefined }, CA),
      ...rows(NE, "30d", { org: 2 / 4, payments: 1 / 3, platform: 1, checkout: 1 / 2 }, LT),
      ...rows(M.coverage, "30d", { org: 2 / 4, checkout: 1 / 2 }),
    ]);
  });
});
