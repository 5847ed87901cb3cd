// Compliance per scope: team overrides, denominators, enabled controls only (Decisions 19, 21).
import { describe, expect, it } from "vitest";
import { check, deployment, expectRows, M, rows, series, shaOf, snapshot } from "./helpers.ts";

const teams = [
  { name: "payments", services: [{ name: "checkout" }, { name: "billing" }] },
  // key by key: platform keeps required_checks and switches deployment_approval off
  {
    name: "platform",
    services: [{ name: "gateway" }],
    compliance: { controls: { deployment_approval: false } },
  },
  // data switches both organisation controls off: nothing applies to its deployments
  {
    name: "data",
    services: [{ name: "warehouse" }],
    compliance: { controls: { required_checks: [], deployment_approval: false } },
  },
];
const ORG_CONTROLS = { required_checks: ["sast"], deployment_approval: true };
const dep = (id: string, service: string, day: number, approved: boolean) =>
  deployment({
    id,
    service,
    at: `2026-06-2${day}`,
    approvals: approved ? [["ops", "2026-06-24"]] : [],
  });
const sast = (id: string) => check(shaOf(id), "sast", "success", "2026-06-24");
const DEPLOYMENTS = [
  dep("d1", "checkout", 5, true), // sast passed, approved → compliant
  dep("d2", "checkout", 6, false), // sast passed, not approved
  dep("b1", "billing", 6, true), // no sast
  dep("g1", "gateway", 7, false), // sast passed; approval not required → compliant
  dep("w1", "warehouse", 8, false), // no control applies → compliant
];

describe("team overrides and denominators", () => {
  const snap = snapshot(
    { deployments: DEPLOYMENTS, checks: [sast("d1"), sast("d2"), sast("g1")] },
    { teams, compliance: { controls: ORG_CONTROLS } },
  );

  it("coverage is compliant ÷ every production deployment", () => {
    expectRows(snap, [
      ...rows(M.coverage, "7d", { org: 3 / 5, payments: 1 / 3, checkout: 1 / 2, billing: 0 }),
      ...rows(M.coverage, "7d", { platform: 1, gateway: 1, data: 1, warehouse: 1 }),
    ]);
  });

  it("a control's pass ratio counts only the deployments it applies to", () => {
    const checks = { control: "required_checks" };
    const approval = { control: "deployment_approval" };
    expectRows(snap, [
      // required_checks applies to d1 d2 b1 g1 and passes d1 d2 g1
      ...rows(
        M.controlPass,
        "7d",
        { org: 3 / 4, payments: 2 / 3, checkout: 1, billing: 0 },
        checks,
      ),
      ...rows(
        M.controlPass,
        "7d",
        { platform: 1, gateway: 1, data: undefined, warehouse: undefined },
        checks,
      ),
      // deployment_approval applies to payments only: d1 and b1 pass, d2 fails
      ...rows(
        M.controlPass,
        "7d",
        { org: 2 / 3, payments: 2 / 3, checkout: 1 / 2, billing: 1 },
        approval,
      ),
      ...rows(
        M.controlPass,
        "7d",
        { platform: undefined, gateway: undefined, data: undefined },
        approval,
      ),
    ]);
  });

  it("exports only enabled controls", () => {
    const controls = new Set(series(snap, M.controlPass).map((s) => s.labels.control));
    expect([...controls].sort()).toEqual(["deployment_approval", "required_checks"]);
  });
});

describe("when controls are off", () => {
  it("exports no compliance series when no control is enabled anywhere", () => {
    const snap = snapshot({ deployments: DEPLOYMENTS.slice(0, 3), checks: [sast("d1")] });
    expect(series(snap, M.coverage)).toEqual([]);
    expect(series(snap, M.controlPass)).toEqual([]);
  });

  it("counts a deployment of a team without enabled controls as compliant", () => {
    const snap = snapshot(
      { deployments: [dep("g1", "gateway", 7, false)] },
      { teams: teams.slice(0, 2), compliance: { controls: { deployment_approval: true } } },
    );
    // platform switches the only control off: g1 is compliant, no pass ratio applies to it
    expectRows(snap, [
      ...rows(M.coverage, "7d", { org: 1, platform: 1, gateway: 1 }),
      ...rows(M.controlPass, "7d", { org: undefined }, { control: "deployment_approval" }),
    ]);
  });
});
