// Change failure ratio: explicit references, window rule (contract §3, Decisions 10–11).
import { describe, it } from "vitest";
import { change, DAY, deployment, expectRows, incident, M, rows, snapshot } from "./helpers.ts";

const SHA1 = `aaaaaaa${"1".repeat(33)}`;
// d1 is in 30d but not 7d; d2 in both. Failing d1 gives (7d 0, 30d 1/2); d2 gives (1, 1/2).
const DEPLOYS = [
  deployment({ id: "d1", at: "2026-06-20", sha: SHA1 }),
  deployment({ id: "d2", at: "2026-06-26", sha: `bbbbbbb${"2".repeat(33)}` }),
  // neither counts as "the latest production deployment" for the window rule
  deployment({ id: "s1", at: "2026-06-26T01:00Z", env: "staging" }),
  deployment({ id: "f1", at: "2026-06-26T01:30Z", status: "failure" }),
  deployment({ id: "late", at: "2026-06-30T06:00Z" }), // after asOf: does not exist
];
const CHANGES = [
  change({ id: "c1", mergedAt: "2026-06-19" }), // shipped by d1
  change({ id: "c2", mergedAt: "2026-06-25" }), // shipped by d2
];
const D1: [number, number] = [0, 0.5];
const D2: [number, number] = [1, 0.5];
const NONE: [number, number] = [0, 0];
const NEAR_D2 = "2026-06-26T02:00Z"; // 2h after d2: the window rule would pick d2

describe("which deployment an incident fails", () => {
  it.each<[string, Omit<Parameters<typeof incident>[0], "id">, [number, number]]>([
    ["deploymentId d1", { deploymentId: "d1", startedAt: "2026-06-27T06:00Z" }, D1],
    ["7-char SHA prefix of d1", { commitSha: "aaaaaaa", startedAt: NEAR_D2 }, D1],
    ["7-char SHA prefix in upper case", { commitSha: "AAAAAAA", startedAt: NEAR_D2 }, D1],
    ["full SHA of d1", { commitSha: SHA1, startedAt: NEAR_D2 }, D1],
    [
      "6-char prefix resolves nothing → window rule",
      { commitSha: "aaaaaa", startedAt: NEAR_D2 },
      D2,
    ],
    ["changeId c1, shipped by d1", { changeId: "c1", startedAt: NEAR_D2 }, D1],
    ["changeId c2, 48h after d2", { changeId: "c2", startedAt: "2026-06-28" }, D2],
    ["no reference, 2h after d2 → latest before it", { startedAt: NEAR_D2 }, D2],
    ["no reference, exactly 24h after d2", { startedAt: "2026-06-27" }, D2],
    ["no reference, 25h after d2 → nothing", { startedAt: "2026-06-27T01:00Z" }, NONE],
    ["no reference, 1h after d1, before d2", { startedAt: "2026-06-20T01:00Z" }, D1],
    ["no reference, before any deployment", { startedAt: "2026-06-18" }, NONE],
    // references resolving to no production deployment fall back to the window rule → d2
    ["unknown deploymentId", { deploymentId: "nope", startedAt: NEAR_D2 }, D2],
    ["deploymentId of a staging one", { deploymentId: "s1", startedAt: NEAR_D2 }, D2],
    ["deploymentId of a failed attempt", { deploymentId: "f1", startedAt: NEAR_D2 }, D2],
    ["deploymentId of one after asOf", { deploymentId: "late", startedAt: NEAR_D2 }, D2],
    ["unknown changeId", { changeId: "nope", startedAt: NEAR_D2 }, D2],
    // strictly before: d2 finished at the same instant, d1 is 6 days earlier
    ["no reference, exactly at d2's finishedAt → nothing", { startedAt: "2026-06-26" }, NONE],
    ["incident on billing (no deployment)", { service: "billing", startedAt: NEAR_D2 }, NONE],
    ["starting after asOf", { deploymentId: "d1", startedAt: "2026-06-30T00:00:01Z" }, NONE],
  ])("%s", (_name, fields, [cfr7, cfr30]) => {
    const incidents = [incident({ id: "i1", ...fields })];
    const snap = snapshot({ deployments: DEPLOYS, changes: CHANGES, incidents });
    expectRows(snap, [
      ...rows(M.cfr, "7d", { org: cfr7, payments: cfr7, checkout: cfr7, billing: undefined }),
      ...rows(M.cfr, "30d", { org: cfr30, payments: cfr30, checkout: cfr30 }),
    ]);
  });

  it.each([
    ["attribution_window 0 disables the window rule", "0", NEAR_D2, NONE],
    ["attribution_window 48h reaches 25h after d2", "48h", "2026-06-27T01:00Z", D2],
  ])("%s", (_name, attribution_window, startedAt, [cfr7, cfr30]) => {
    const snap = snapshot(
      { deployments: DEPLOYS, incidents: [incident({ id: "i1", startedAt })] },
      { attribution_window },
    );
    expectRows(snap, [...rows(M.cfr, "7d", { org: cfr7 }), ...rows(M.cfr, "30d", { org: cfr30 })]);
  });
});

describe("per-scope ratios are computed from deployments, never averaged", () => {
  it("checkout 1/2, billing 0/1, gateway 1/4 → payments 1/3, platform 1/4, org 2/7", () => {
    const dep = (id: string, service: string, day: number) =>
      deployment({ id, service, at: `2026-06-2${day}` });
    const snap = snapshot({
      deployments: [
        dep("k1", "checkout", 4),
        dep("k2", "checkout", 5),
        dep("b1", "billing", 4),
        ...[4, 5, 6, 7].map((d) => dep(`g${d}`, "gateway", d)),
      ],
      incidents: [
        incident({ id: "i1", deploymentId: "k2", startedAt: "2026-06-28" }),
        incident({ id: "i2", service: "gateway", deploymentId: "g5", startedAt: "2026-06-28" }),
        incident({ id: "i3", deploymentId: "k2", startedAt: "2026-06-28T01:00Z" }), // k2 counts once
      ],
    });
    // (1/3 + 1/4)/2 = 7/24 would be an average of teams; the exact org value is 2/7
    expectRows(snap, [
      ...rows(M.cfr, "7d", { org: 2 / 7, payments: 1 / 3, platform: 1 / 4 }),
      ...rows(M.cfr, "7d", { checkout: 1 / 2, billing: 0, gateway: 1 / 4 }),
    ]);
  });
});

describe("commitSha resolves to the latest deployment of that commit by the incident's start", () => {
  const A = "a".repeat(40);
  const deployments = [
    deployment({ id: "e1", at: "2026-06-24", sha: A }),
    deployment({ id: "e2", at: "2026-06-25", sha: A }), // same commit again: no rollback
    deployment({ id: "e3", at: "2026-06-26", sha: "b".repeat(40) }),
    deployment({ id: "g1", service: "gateway", at: "2026-06-23T12:00Z", sha: A }), // monorepo
  ];
  // every incident resolves 06-27T00:00; recovery time = 06-27 − finishedAt reveals the deployment
  it.each([
    ["checkout incident after e2 → e2", "checkout", "2026-06-25T12:00Z", { checkout: 2 * DAY }],
    [
      "checkout incident between e1 and e2 → e1",
      "checkout",
      "2026-06-24T12:00Z",
      { checkout: 3 * DAY },
    ],
    [
      "gateway incident → its own service's g1",
      "gateway",
      "2026-06-25T12:00Z",
      { gateway: 3.5 * DAY },
    ],
  ])("%s", (_name, service, startedAt, expected) => {
    const incidents = [
      incident({ id: "i", service, commitSha: "aaaaaaa", startedAt, resolvedAt: "2026-06-27" }),
    ];
    expectRows(snapshot({ deployments, incidents }), [
      ...rows(
        M.recovery,
        "7d",
        { org: Object.values(expected)[0], ...expected },
        { quantile: "0.5" },
      ),
    ]);
  });
});
