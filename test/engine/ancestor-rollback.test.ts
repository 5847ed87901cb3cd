// Contract §3: where the source knows git ancestry, the next production deployment
// after D rolls D back also when its commit is a strict ancestor of D's, deployed before or
// not (METRICS.md decision 135). Deployments are one day apart from 06-24, all in 7d.
import { describe, expect, it } from "vitest";
import { analyzeRecords } from "../../src/engine/snapshot.ts";
import {
  AS_OF,
  config,
  DAY,
  type DeploymentSpec,
  deployment,
  expectRows,
  M,
  ms,
  records,
  rows,
  snapshot,
} from "./helpers.ts";

const [A, B, C] = ["a", "b", "c"].map((x) => x.repeat(40)) as [string, string, string];
type Spec = Omit<DeploymentSpec, "at">;
const build = (specs: Spec[]) => specs.map((s, i) => deployment({ ...s, at: `2026-06-2${4 + i}` }));

describe("rollback to an ancestor", () => {
  it.each<[string, Spec[], number, number | undefined]>([
    // name, deployments, failure ratio = rework ratio, recovery p50
    [
      "a commit never deployed, behind the previous one, rolls it back",
      [
        { id: "d0", sha: A },
        { id: "d1", sha: B },
        { id: "r", sha: C, ancestorOfPrevious: true },
      ],
      1 / 3,
      DAY, // r 06-26 − d1 06-25
    ],
    [
      "the previous production deployment, past a staging one in between",
      [
        { id: "d0", sha: A },
        { id: "d1", sha: B },
        { id: "s", sha: C, env: "staging" },
        { id: "r", sha: C, ancestorOfPrevious: true },
      ],
      1 / 3,
      2 * DAY, // r 06-27 − d1 06-25
    ],
    [
      "the previous deployment's own commit is no strict ancestor",
      [
        { id: "d0", sha: A },
        { id: "d1", sha: B },
        { id: "r", sha: B, ancestorOfPrevious: true },
      ],
      0,
      undefined,
    ],
    [
      "a first production deployment has nothing to roll back",
      [{ id: "r", sha: C, ancestorOfPrevious: true }],
      0,
      undefined,
    ],
    [
      "false says nothing",
      [
        { id: "d0", sha: A },
        { id: "d1", sha: B },
        { id: "r", sha: C, ancestorOfPrevious: false },
      ],
      0,
      undefined,
    ],
  ])("%s", (_name, specs, ratio, recovery) => {
    const snap = snapshot({ deployments: build(specs) });
    expectRows(snap, [
      ...rows(M.cfr, "7d", { org: ratio, checkout: ratio }),
      ...rows(M.rework, "7d", { org: ratio, checkout: ratio }),
      ...rows(M.recovery, "7d", { org: recovery, checkout: recovery }, { quantile: "0.5" }),
    ]);
  });

  it("names the rule; a redeployed older commit is still rollback_sha", () => {
    const deployments = build([
      { id: "d0", sha: A },
      { id: "d1", sha: B },
      { id: "r1", sha: C, ancestorOfPrevious: true },
      { id: "r2", sha: A, ancestorOfPrevious: true },
    ]);
    const { analysis } = analyzeRecords(records({ deployments }), config(), ms(AS_OF));
    const rule = (id: string) => analysis.timeline.rollbackTargets.get(id);
    expect(rule("r1")).toMatchObject({ target: { id: "d1" }, rule: "rollback_ancestor" });
    expect(rule("r2")).toMatchObject({ target: { id: "r1" }, rule: "rollback_sha" });
  });
});
