// Blind test of contract §8.1 at every scope and window: coverage, pass and
// not-evaluable ratios, hand-computed from the contract text alone.
import { describe, it } from "vitest";
import { change, deployment, expectRows, M, rows, snapshot } from "./helpers.ts";

const NE = "kpi_compliance_control_not_evaluable_ratio";
const CONTROLS = { change_approval: 1, linked_ticket: "^[A-Z]+-[0-9]+$" };
const approved = { author: "alice", approvals: [["bob", "2026-04-02"]] as [string, string][] };

// Every change is listed, so merge order assigns none and "no list" means an unknown set.
//  dep  service   finished  ships                  change_approval  linked_ticket  compliant
//  k1   checkout  05-10     g1 (good)              pass             pass           yes
//  k2   checkout  06-10     unknown                ne               ne             no
//  k3   checkout  06-26     [] (nothing)           pass             pass           yes
//  k4   checkout  06-28     u1 (no author)         ne               pass           no
//  b1   billing   06-05     f1 (unapproved)        fail             pass           no
//  b2   billing   06-27     unknown                ne               ne             no
//  w1   gateway   04-20     unknown (first ever)   ne               ne             no
//  w2   gateway   06-29     redeploy of w1's SHA   pass             pass           yes
// 7d (06-23, 06-30]: k3 k4 b2 w2; 30d (05-31, 06-30]: + k2 b1; 90d (04-01, 06-30]: + k1 w1.
const W1_SHA = "1".repeat(40);
const SNAP = () =>
  snapshot(
    {
      deployments: [
        deployment({ id: "k1", at: "2026-05-10", changes: ["g1"] }),
        deployment({ id: "k2", at: "2026-06-10" }),
        deployment({ id: "k3", at: "2026-06-26", changes: [] }),
        deployment({ id: "k4", at: "2026-06-28", changes: ["u1"] }),
        deployment({ id: "b1", service: "billing", at: "2026-06-05", changes: ["f1"] }),
        deployment({ id: "b2", service: "billing", at: "2026-06-27" }),
        deployment({ id: "w1", service: "gateway", at: "2026-04-20", sha: W1_SHA }),
        deployment({ id: "w2", service: "gateway", at: "2026-06-29", sha: W1_SHA }),
      ],
      changes: [
        change({ id: "g1", mergedAt: "2026-05-09", ...approved, linked: ["PAY-1"] }),
        change({
          id: "u1",
          mergedAt: "2026-06-27",
          approvals: approved.approvals,
          linked: ["PAY-2"],
        }),
        change({
          id: "f1",
          service: "billing",
          mergedAt: "2026-06-04",
          author: "carol",
          linked: ["BIL-3"],
        }),
      ],
    },
    { compliance: { controls: CONTROLS } },
  );

type Five = [number, number, number, number, number];
/** Per scope: [coverage, change_approval pass, its not-evaluable, linked_ticket pass, its not-evaluable]. */
function expectWindow(window: string, table: Record<string, Five | undefined>): void {
  const pick = (i: number) =>
    Object.fromEntries(Object.entries(table).map(([scope, v]) => [scope, v?.[i]]));
  expectRows(SNAP(), [
    ...rows(M.coverage, window, pick(0)),
    ...rows(M.controlPass, window, pick(1), { control: "change_approval" }),
    ...rows(NE, window, pick(2), { control: "change_approval" }),
    ...rows(M.controlPass, window, pick(3), { control: "linked_ticket" }),
    ...rows(NE, window, pick(4), { control: "linked_ticket" }),
  ]);
}

describe("§8.1 ratios at organisation, team and service scope", () => {
  it("7d: k3 k4 b2 w2", () => {
    // compliant k3 w2; change_approval pass k3 w2, ne k4 b2; linked_ticket pass k3 k4 w2, ne b2
    expectWindow("7d", {
      org: [2 / 4, 2 / 4, 2 / 4, 3 / 4, 1 / 4],
      payments: [1 / 3, 1 / 3, 2 / 3, 2 / 3, 1 / 3], // k3 k4 b2
      platform: [1, 1, 0, 1, 0], // w2
      checkout: [1 / 2, 1 / 2, 1 / 2, 1, 0], // k3 k4
      billing: [0, 0, 1, 0, 1], // b2
      gateway: [1, 1, 0, 1, 0], // w2
    });
  });

  it("30d: k2 k3 k4 b1 b2 w2", () => {
    // compliant k3 w2; change_approval pass k3 w2, ne k2 k4 b2, fail b1;
    // linked_ticket pass k3 k4 b1 w2, ne k2 b2
    expectWindow("30d", {
      org: [2 / 6, 2 / 6, 3 / 6, 4 / 6, 2 / 6],
      payments: [1 / 5, 1 / 5, 3 / 5, 3 / 5, 2 / 5], // k2 k3 k4 b1 b2
      platform: [1, 1, 0, 1, 0], // w2
      checkout: [1 / 3, 1 / 3, 2 / 3, 2 / 3, 1 / 3], // k2 k3 k4
      billing: [0, 0, 1 / 2, 1 / 2, 1 / 2], // b1 b2
      gateway: [1, 1, 0, 1, 0], // w2
    });
  });

  it("90d: all eight", () => {
    // compliant k1 k3 w2; change_approval pass k1 k3 w2, ne k2 k4 b2 w1, fail b1;
    // linked_ticket pass k1 k3 k4 b1 w2, ne k2 b2 w1
    expectWindow("90d", {
      org: [3 / 8, 3 / 8, 4 / 8, 5 / 8, 3 / 8],
      payments: [2 / 6, 2 / 6, 3 / 6, 4 / 6, 2 / 6], // k1-k4 b1 b2
      platform: [1 / 2, 1 / 2, 1 / 2, 1 / 2, 1 / 2], // w1 w2
      checkout: [2 / 4, 2 / 4, 2 / 4, 3 / 4, 1 / 4], // k1-k4
      billing: [0, 0, 1 / 2, 1 / 2, 1 / 2], // b1 b2
      gateway: [1 / 2, 1 / 2, 1 / 2, 1 / 2, 1 / 2], // w1 w2
    });
  });
});
