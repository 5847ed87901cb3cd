// Blind test of contract §8.2 for a team override ("Team overrides follow the same
// shape"): team platform carries a dated policy history, the organisation none. Only the
// scopes the override governs are asserted, plus the organisation's per-control ratios,
// which divide by the deployments each control judged. 7d = (06-23, 06-30], 30d = (05-31, 06-30].
import { describe, it } from "vitest";
import { change, deployment, expectRows, M, rows, snapshot } from "./helpers.ts";

const NE = "kpi_compliance_control_not_evaluable_ratio";
const policies = [
  { effective_from: "2026-06-20T00:00:00Z", controls: { deployment_approval: true } },
  {
    effective_from: "2026-06-26T00:00:00Z",
    controls: { deployment_approval: true, linked_ticket: "^[A-Z]+-[0-9]+$" },
  },
];
const teams = [
  { name: "payments", services: [{ name: "checkout" }, { name: "billing" }] },
  { name: "platform", services: [{ name: "gateway" }], compliance: { policies } },
];

//  dep  finished  policy           deployment_approval  linked_ticket          compliant
//  g1   06-15     1 (before first) pass                 not judged (t0 none)   yes
//  g2   06-24     1                fail (unapproved)    not judged             no
//  g3   06-27     2                pass                 pass (t1 OPS-1)        yes
//  g4   06-28     2                pass                 fail (t2 none)         no
//  k1   06-28     checkout: no control in force at all
const ops = (at: string): [string, string] => ["ops", at];
const gw = (id: string, at: string, changes: string[], approved: boolean) =>
  deployment({ id, at, service: "gateway", changes, approvals: approved ? [ops(at)] : [] });
const snap = () =>
  snapshot(
    {
      deployments: [
        gw("g1", "2026-06-15", ["t0"], true),
        gw("g2", "2026-06-24", [], false),
        gw("g3", "2026-06-27", ["t1"], true),
        gw("g4", "2026-06-28", ["t2"], true),
        deployment({ id: "k1", at: "2026-06-28", changes: [] }),
      ],
      changes: [
        change({ id: "t0", service: "gateway", mergedAt: "2026-06-14" }),
        change({ id: "t1", service: "gateway", mergedAt: "2026-06-26T12:00Z", linked: ["OPS-1"] }),
        change({ id: "t2", service: "gateway", mergedAt: "2026-06-27T12:00Z" }),
      ],
    },
    { teams },
  );
const da = { control: "deployment_approval" };
const lt = { control: "linked_ticket" };

describe("§8.2 a team's own policy history", () => {
  it("7d: g2 g3 g4", () => {
    expectRows(snap(), [
      ...rows(M.coverage, "7d", { platform: 1 / 3, gateway: 1 / 3 }), // g3
      ...rows(M.controlPass, "7d", { org: 2 / 3, platform: 2 / 3, gateway: 2 / 3 }, da), // g3 g4
      ...rows(M.controlPass, "7d", { org: 1 / 2, platform: 1 / 2, gateway: 1 / 2 }, lt), // g3 of g3 g4
      ...rows(NE, "7d", { org: 0, gateway: 0 }, lt),
      // nothing is in force for checkout: no control series there
      ...rows(M.controlPass, "7d", { payments: undefined, checkout: undefined }, da),
      ...rows(NE, "7d", { payments: undefined, checkout: undefined }, da),
    ]);
  });

  it("30d: g1 g2 g3 g4 — linked_ticket still judges only g3 g4", () => {
    expectRows(snap(), [
      ...rows(M.coverage, "30d", { platform: 2 / 4, gateway: 2 / 4 }), // g1 g3
      ...rows(M.controlPass, "30d", { org: 3 / 4, platform: 3 / 4, gateway: 3 / 4 }, da), // g1 g3 g4
      ...rows(M.controlPass, "30d", { org: 1 / 2, platform: 1 / 2, gateway: 1 / 2 }, lt),
      ...rows(M.controlPass, "30d", { checkout: undefined, billing: undefined }, lt),
    ]);
  });
});
