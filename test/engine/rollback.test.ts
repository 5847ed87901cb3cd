// Rollbacks: a failure of the deployment rolled back, rework, recovery (Decision 7).
import { describe, it } from "vitest";
import { DAY, deployment, expectRows, M, rows, snapshot } from "./helpers.ts";

const [A, B, C, D] = ["a", "b", "c", "d"].map((x) => x.repeat(40)) as [
  string,
  string,
  string,
  string,
];
/** [id, commit, rollbackOf?, environment?] one day apart from 06-24 (all in 7d). */
type Spec = [string, string, string?, string?];
const build = (specs: Spec[]) =>
  specs.map(([id, sha, rollbackOf, env], i) =>
    deployment({ id, sha, rollbackOf, env, at: `2026-06-2${4 + i}` }),
  );

describe("rollbacks fail the deployment they roll back", () => {
  // ratios over all production deployments, rollbacks included; recovery = rollback − failed
  it.each<[string, Spec[], number, number, number | undefined]>([
    // name, deployments, failure ratio, rework ratio, recovery p50
    [
      "rollbackOf d1",
      [
        ["d0", A],
        ["d1", B],
        ["r", C, "d1"],
      ],
      1 / 3,
      1 / 3,
      DAY,
    ],
    [
      "next deployment redeploys a commit deployed before d1",
      [
        ["d0", A],
        ["d1", B],
        ["r", A],
      ],
      1 / 3,
      1 / 3,
      DAY,
    ],
    [
      "redeploying the current commit is no rollback",
      [
        ["d0", A],
        ["d1", A],
        ["d2", B],
      ],
      0,
      0,
      undefined,
    ],
    [
      "only the next deployment counts: d3 rolls back d2, not d1",
      [
        ["d0", A],
        ["d1", B],
        ["d2", C],
        ["d3", A],
      ],
      1 / 4,
      1 / 4,
      DAY,
    ],
    [
      "a staging deployment between is not the next production one",
      [
        ["d0", A],
        ["d1", B],
        ["s", C, undefined, "staging"],
        ["r", A],
      ],
      1 / 3,
      1 / 3,
      2 * DAY,
    ],
    [
      "rollbackOf a deployment two back",
      [
        ["d0", A],
        ["d1", B],
        ["d2", C],
        ["r", D, "d1"],
      ],
      1 / 4,
      1 / 4,
      2 * DAY,
    ],
  ])("%s", (_name, specs, cfr, rework, recovery) => {
    const snap = snapshot({ deployments: build(specs) });
    expectRows(snap, [
      ...rows(M.cfr, "7d", { org: cfr, payments: cfr, checkout: cfr }),
      ...rows(M.rework, "7d", { org: rework, checkout: rework }),
      ...rows(M.recovery, "7d", { org: recovery, checkout: recovery }, { quantile: "0.5" }),
    ]);
  });
});
