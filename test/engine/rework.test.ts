// Deployment rework ratio (contract §3, Decisions 4 and 13).
import { describe, it } from "vitest";
import { change, deployment, expectRows, incident, M, rows, snapshot } from "./helpers.ts";

// d0 ships nothing; d1 ships the one change under test (merged between them). With 2
// deployments in 7d the ratio is 1/2 when d1 is rework and 0 otherwise.
const D0 = deployment({ id: "d0", at: "2026-06-28" });
const D1 = deployment({ id: "d1", at: "2026-06-29" });
// A known incident that fails nothing: on gateway, which has no deployment.
const KNOWN = incident({ id: "INC-7", service: "gateway", startedAt: "2026-06-01" });
const LATE = incident({ id: "INC-9", service: "gateway", startedAt: "2026-07-01" }); // after asOf
const MERGED = "2026-06-28T12:00Z";

describe("a deployment is rework when a change it ships…", () => {
  it.each([
    ["is plain → not rework", {}, 0],
    ["reverts another change (reverts set)", { reverts: "c0" }, 1 / 2],
    ['has a title Revert "…"', { title: 'Revert "Add wallet button"' }, 1 / 2],
    ["links a known incident id among its work items", { linked: ["INC-7"] }, 1 / 2],
    ["links only a ticket that is no incident → not rework", { linked: ["PAY-12"] }, 0],
    ["links an incident starting after asOf → not rework", { linked: ["INC-9"] }, 0],
    ["carries label hotfix", { labels: ["hotfix"] }, 1 / 2],
    ["carries label Hotfix (case-insensitive)", { labels: ["Hotfix"] }, 1 / 2],
    ["carries label REVERT", { labels: ["REVERT"] }, 1 / 2],
    ["carries label incident", { labels: ["incident"] }, 1 / 2],
    ["carries only label bug → not rework", { labels: ["bug"] }, 0],
    ["has a fix: title → not rework", { title: "fix: rounding" }, 0],
  ])("%s", (_name, fields, ratio) => {
    const snap = snapshot({
      deployments: [D0, D1],
      changes: [change({ id: "c1", mergedAt: MERGED, ...fields })],
      incidents: [KNOWN, LATE],
    });
    expectRows(snap, rows(M.rework, "7d", { org: ratio, payments: ratio, checkout: ratio }));
  });

  it.each([
    [["hotfix"], 0],
    [["Urgent"], 1 / 2],
  ])("with rework_labels [urgent], labels %j → %s", (labels, ratio) => {
    const snap = snapshot(
      { deployments: [D0, D1], changes: [change({ id: "c1", mergedAt: MERGED, labels })] },
      { rework_labels: ["urgent"] },
    );
    expectRows(snap, rows(M.rework, "7d", { org: ratio }));
  });
});

describe("rework and failure are separate", () => {
  it("an incident referencing a change fails the deployment but is not rework", () => {
    const snap = snapshot({
      deployments: [D0, D1],
      changes: [change({ id: "c1", mergedAt: MERGED })],
      incidents: [incident({ id: "i1", changeId: "c1", startedAt: "2026-06-29T06:00Z" })],
    });
    expectRows(snap, [...rows(M.rework, "7d", { org: 0 }), ...rows(M.cfr, "7d", { org: 1 / 2 })]);
  });

  it("is computed per window: 1 rework of 2 in 7d, of 3 in 30d", () => {
    const snap = snapshot({
      deployments: [deployment({ id: "old", at: "2026-06-10" }), D0, D1],
      changes: [change({ id: "c1", mergedAt: MERGED, labels: ["hotfix"] })],
    });
    expectRows(snap, [
      ...rows(M.rework, "7d", { org: 1 / 2, checkout: 1 / 2 }),
      ...rows(M.rework, "30d", { org: 1 / 3, checkout: 1 / 3 }),
    ]);
  });
});
