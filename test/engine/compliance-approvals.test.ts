// change_approval, deployment_approval and linked_ticket (contract §3 and §7, Decision 22).
import { describe, it } from "vitest";
import { BOB, expectControls, type Mod, run } from "./compliance-fixture.ts";
import { expectRows, M, rows } from "./helpers.ts";

const N2 = { change_approval: 2 };

describe("change_approval (by others than the author, at or before merge)", () => {
  it.each<[string, Mod, number]>([
    ["approved by bob before merge", {}, 1],
    [
      "approved only by the author, written Alice",
      { c1: { approvals: [["Alice", "2026-06-28T10:00Z"]] } },
      0,
    ],
    ["approved after merge", { c1: { approvals: [["bob", "2026-06-28T12:00:01Z"]] } }, 0],
    ["approved exactly at merge", { c1: { approvals: [["bob", "2026-06-28T12:00Z"]] } }, 1],
    [
      "N=2: bob and BOB are one approver",
      { controls: N2, c1: { approvals: [BOB, ["BOB", "2026-06-28T11:00Z"]] } },
      0,
    ],
    [
      "N=2: bob and carol",
      { controls: N2, c1: { approvals: [BOB, ["carol", "2026-06-28T11:00Z"]] } },
      1,
    ],
  ])("%s → %d", (_name, mod, pass) => {
    expectControls(mod, [1, pass, 1, 1]);
  });
});

describe("deployment_approval (at or before finishedAt)", () => {
  it.each<[string, Mod, number]>([
    ["approved by ops before finishedAt", {}, 1],
    ["no approval", { dep: { approvals: [] } }, 0],
    ["approved after finishedAt", { dep: { approvals: [["ops", "2026-06-29T00:00:01Z"]] } }, 0],
    ["approved exactly at finishedAt", { dep: { approvals: [["ops", "2026-06-29"]] } }, 1],
  ])("%s → %d", (_name, mod, pass) => {
    expectControls(mod, [1, 1, pass, 1]);
  });
});

describe("linked_ticket ^[A-Z]+-[0-9]+$", () => {
  it.each<[string, string[], number]>([
    ["PAY-1", ["PAY-1"], 1],
    ["#12 does not match", ["#12"], 0],
    ["pay-1 does not match (the pattern is case-sensitive)", ["pay-1"], 0],
    ["no linked item", [], 0],
    ["one matching item among others", ["#12", "PAY-1"], 1],
  ])("%s → %d", (_name, linked, pass) => {
    expectControls({ c1: { linked } }, [1, 1, 1, pass]);
  });
});

describe("controls over every shipped change", () => {
  it("fails when one of two shipped changes is unapproved and has no ticket", () => {
    expectControls(
      { more: [{ id: "c2", mergedAt: "2026-06-28T13:00Z", author: "carol" }] },
      [1, 0, 1, 0],
    );
  });

  // v1 passed both here; contract §8.1: nothing shows what d1 shipped, so neither
  // control can be judged, and not evaluable is no pass.
  it("leaves change_approval and linked_ticket not evaluable when the change set is unknown", () => {
    // no list; c1 (unapproved, no ticket) merges after d1, so merge order gives d1 nothing,
    // and d1's commit is the service's first
    const c1 = { mergedAt: "2026-06-29T06:00Z", approvals: [], linked: [] };
    const mod = { dep: { changes: undefined }, c1 };
    expectControls(mod, [1, 0, 1, 0]);
    expectRows(run(mod), [
      ...rows(M.controlNotEvaluable, "7d", { org: 1, checkout: 1 }, { control: "change_approval" }),
      ...rows(M.controlNotEvaluable, "7d", { org: 1, checkout: 1 }, { control: "linked_ticket" }),
      ...rows(M.controlNotEvaluable, "7d", { org: 0, checkout: 0 }, { control: "required_checks" }),
    ]);
  });

  it("passes change_approval and linked_ticket for a deployment whose list is empty", () => {
    const c1 = { mergedAt: "2026-06-29T06:00Z", approvals: [], linked: [] };
    expectControls({ dep: { changes: [] }, c1 }, [1, 1, 1, 1]);
  });
});
