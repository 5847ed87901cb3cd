// Blind tests of contract §8.2 (effective-dated controls), written from the contract
// text alone with its config shape `compliance.policies: [{effective_from, controls}]`.
// 7d = (06-23, 06-30], 30d = (05-31, 06-30], 90d = (04-01, 06-30].
import { describe, it } from "vitest";
import { change, check, deployment, expectRows, M, rows, shaOf, snapshot } from "./helpers.ts";

const NE = "kpi_compliance_control_not_evaluable_ratio";
const rc = { control: "required_checks" };
const ca = { control: "change_approval" };
const ok = (dep: string, name: string, at: string) => check(shaOf(dep), name, "success", at);

describe("§8.2 a tightened policy judges deployments finishing from its effective_from", () => {
  // policy 1 from 06-01: required_checks [sast]; policy 2 from 06-25T00: [sast, trivy] + change_approval 1
  //  dep  finished    policy           required_checks      change_approval  compliant
  //  p0   05-15       1 (before first) fail (no sast)       not judged       no
  //  p1   06-10       1                pass                 not judged       yes
  //  bl1  06-10       1 (billing)      pass                 not judged       yes
  //  p3   06-24T12    1                pass                 not judged (c3 unapproved)  yes
  //  p2   06-25T00    2 (at the edge)  fail (no trivy)      fail (c2 unapproved)        no
  //  p4   06-28       2                pass                 pass (c4)        yes
  const policies = [
    { effective_from: "2026-06-01T00:00:00Z", controls: { required_checks: ["sast"] } },
    {
      effective_from: "2026-06-25T00:00:00Z",
      controls: { required_checks: ["sast", "trivy"], change_approval: 1 },
    },
  ];
  const unapproved = (id: string, mergedAt: string) => change({ id, mergedAt, author: "alice" });
  const snap = () =>
    snapshot(
      {
        deployments: [
          deployment({ id: "p0", at: "2026-05-15", changes: ["c0"] }),
          deployment({ id: "p1", at: "2026-06-10", changes: [] }),
          deployment({ id: "bl1", service: "billing", at: "2026-06-10", changes: [] }),
          deployment({ id: "p3", at: "2026-06-24T12:00Z", changes: ["c3"] }),
          deployment({ id: "p2", at: "2026-06-25T00:00Z", changes: ["c2"] }),
          deployment({ id: "p4", at: "2026-06-28", changes: ["c4"] }),
        ],
        changes: [
          unapproved("c0", "2026-05-14"),
          unapproved("c3", "2026-06-24"),
          unapproved("c2", "2026-06-24T18:00Z"),
          change({
            id: "c4",
            mergedAt: "2026-06-27",
            author: "alice",
            approvals: [["bob", "2026-06-26"]],
          }),
        ],
        checks: [
          ok("p1", "sast", "2026-06-09"),
          ok("bl1", "sast", "2026-06-09"),
          ok("p3", "sast", "2026-06-24T06:00Z"),
          ok("p2", "sast", "2026-06-24T20:00Z"),
          ok("p4", "sast", "2026-06-27T12:00Z"),
          ok("p4", "trivy", "2026-06-27T12:00Z"),
        ],
      },
      { compliance: { policies } },
    );

  it("coverage: 7d p3 p2 p4; 30d + p1 bl1; 90d + p0", () => {
    expectRows(snap(), [
      ...rows(M.coverage, "7d", {
        org: 2 / 3,
        payments: 2 / 3,
        checkout: 2 / 3,
        billing: undefined,
      }),
      // checkout p1 p3 p2 p4 → 3/4; payments + bl1 → 4/5
      ...rows(M.coverage, "30d", { org: 4 / 5, payments: 4 / 5, checkout: 3 / 4, billing: 1 }),
      // checkout + p0 → 3/5; payments → 4/6
      ...rows(M.coverage, "90d", { org: 4 / 6, payments: 4 / 6, checkout: 3 / 5, billing: 1 }),
      ...rows(M.coverage, "90d", { platform: undefined, gateway: undefined }),
    ]);
  });

  it("required_checks judged every deployment; p0 and p2 fail it", () => {
    expectRows(snap(), [
      ...rows(M.controlPass, "7d", { org: 2 / 3, checkout: 2 / 3, billing: undefined }, rc),
      ...rows(M.controlPass, "30d", { org: 4 / 5, checkout: 3 / 4, billing: 1 }, rc),
      ...rows(M.controlPass, "90d", { org: 4 / 6, checkout: 3 / 5, billing: 1 }, rc),
      ...rows(NE, "90d", { org: 0, checkout: 0, billing: 0 }, rc),
    ]);
  });

  it("change_approval divides by p2 p4 only, and is absent where it judged none (billing)", () => {
    // p2 fails, p4 passes: 1/2 in every window; p0 and p3 (unapproved) were not judged by it
    expectRows(snap(), [
      ...rows(M.controlPass, "7d", { org: 1 / 2, payments: 1 / 2, checkout: 1 / 2 }, ca),
      ...rows(M.controlPass, "30d", { org: 1 / 2, payments: 1 / 2, checkout: 1 / 2 }, ca),
      ...rows(M.controlPass, "90d", { org: 1 / 2, payments: 1 / 2, checkout: 1 / 2 }, ca),
      ...rows(M.controlPass, "90d", { billing: undefined, gateway: undefined }, ca),
      ...rows(NE, "90d", { org: 0, checkout: 0, billing: undefined }, ca),
    ]);
  });
});

describe("§8.2 a control dropped by a later policy stops judging", () => {
  it("deployment_approval in force 06-20..06-26 only, linked_ticket from 06-26", () => {
    // g1 06-15 (before first → policy 1) unapproved: DA fail; g2 06-24 approved: DA pass;
    // g3 06-27 (policy 2) unapproved, ships t1 with ticket OPS-1: linked_ticket pass.
    const policies = [
      { effective_from: "2026-06-20T00:00:00Z", controls: { deployment_approval: true } },
      { effective_from: "2026-06-26T00:00:00Z", controls: { linked_ticket: "^[A-Z]+-[0-9]+$" } },
    ];
    const snap = snapshot(
      {
        deployments: [
          deployment({ id: "g1", service: "gateway", at: "2026-06-15", changes: [] }),
          deployment({
            id: "g2",
            service: "gateway",
            at: "2026-06-24",
            changes: [],
            approvals: [["ops", "2026-06-23T20:00Z"]],
          }),
          deployment({ id: "g3", service: "gateway", at: "2026-06-27", changes: ["t1"] }),
        ],
        changes: [
          change({
            id: "t1",
            service: "gateway",
            mergedAt: "2026-06-26T12:00Z",
            linked: ["OPS-1"],
          }),
        ],
      },
      { compliance: { policies } },
    );
    const da = { control: "deployment_approval" };
    const lt = { control: "linked_ticket" };
    expectRows(snap, [
      ...rows(M.coverage, "7d", { org: 1, platform: 1, gateway: 1 }), // g2 g3 both compliant
      ...rows(M.coverage, "30d", { org: 2 / 3, gateway: 2 / 3 }), // g1 fails
      ...rows(M.controlPass, "7d", { org: 1, gateway: 1 }, da), // judged g2 only
      ...rows(M.controlPass, "30d", { org: 1 / 2, gateway: 1 / 2 }, da), // g1 g2
      ...rows(M.controlPass, "7d", { org: 1, gateway: 1 }, lt), // judged g3 only
      ...rows(M.controlPass, "90d", { org: 1, gateway: 1 }, lt),
    ]);
  });
});
