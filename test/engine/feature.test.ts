// Feature-to-market latency (contract §3, Decisions 4, 8 and 9).
import { describe, expect, it } from "vitest";
import {
  type ChangeSpec,
  change,
  DAY,
  deployment,
  expectRows,
  HOUR,
  M,
  rows,
  series,
  snapshot,
} from "./helpers.ts";

const DEPLOY = deployment({ id: "d1", at: "2026-06-29" });
// No commits, no linked item: firstCommitAt = createdAt 06-27, latency 06-29 − 06-27 = 2d.
const BASE: ChangeSpec = { id: "c1", mergedAt: "2026-06-28", createdAt: "2026-06-27" };
const p50 = { quantile: "0.5" };

describe("feature change recognition", () => {
  it.each<[string, Partial<ChangeSpec>, number | undefined]>([
    ["label feature", { labels: ["feature"] }, 2 * DAY],
    ["label Enhancement (case-insensitive)", { labels: ["Enhancement"] }, 2 * DAY],
    ["title feat: …", { title: "feat: add wallet" }, 2 * DAY],
    ["title feat(api)!: …", { title: "feat(api)!: drop v1 endpoints" }, 2 * DAY],
    ["title feat!: …", { title: "feat!: new checkout flow" }, 2 * DAY],
    ["title FEAT: … (case-insensitive)", { title: "FEAT: louder" }, 2 * DAY],
    ["title fix: … is no feature", { title: "fix: rounding" }, undefined],
    ["title feature: … is not Conventional Commits feat", { title: "feature: x" }, undefined],
    ["feat: not at the start of the title", { title: "chore: feat: nope" }, undefined],
    ["label bug only", { labels: ["bug"] }, undefined],
  ])("%s", (_name, fields, expected) => {
    const snap = snapshot({ deployments: [DEPLOY], changes: [change({ ...BASE, ...fields })] });
    expectRows(snap, [
      ...rows(M.feature, "7d", { org: expected, payments: expected, checkout: expected }, p50),
      ...rows(M.feature, "7d", { checkout: expected }, { quantile: "0.9" }),
    ]);
    if (expected === undefined) expect(series(snap, M.feature)).toEqual([]);
  });

  it("uses the configured feature labels", () => {
    const snap = snapshot(
      { deployments: [DEPLOY], changes: [change({ ...BASE, labels: ["feature"] })] },
      { feature_labels: ["story"] },
    );
    expect(series(snap, M.feature)).toEqual([]);
  });
});

describe("latency starts at the earliest of linked items' createdAt and firstCommitAt", () => {
  it.each<[string, Partial<ChangeSpec>, number]>([
    // ticket 06-20 before the first commit 06-27: 06-29 − 06-20 = 9d
    ["ticket first", { commits: ["2026-06-27"], linked: [["PAY-1", "2026-06-20"]] }, 9 * DAY],
    // first commit 06-26 before the ticket 06-28: 3d
    ["commit first", { commits: ["2026-06-26"], linked: [["PAY-1", "2026-06-28"]] }, 3 * DAY],
    // earliest of two tickets, 06-22T12:00: 6.5d
    [
      "two tickets",
      {
        linked: [
          ["PAY-1", "2026-06-24"],
          ["PAY-2", "2026-06-22T12:00Z"],
        ],
      },
      6.5 * DAY,
    ],
    // first commit 5h after the deployment (clock skew): −5h counts as 0 (Decision 8)
    ["negative latency", { createdAt: undefined, commits: ["2026-06-29T05:00Z"] }, 0],
    // a ticket without createdAt is ignored: createdAt 06-27 → 2d
    ["ticket without createdAt", { linked: ["PAY-1"] }, 2 * DAY],
    // no commit, createdAt or dated ticket: mergedAt 06-28T18:00 → 6h
    ["mergedAt only", { createdAt: undefined, mergedAt: "2026-06-28T18:00Z" }, 6 * HOUR],
  ])("%s", (_name, fields, expected) => {
    const c = change({ ...BASE, labels: ["feature"], ...fields });
    const snap = snapshot({ deployments: [DEPLOY], changes: [c] });
    expectRows(snap, rows(M.feature, "7d", { checkout: expected }, p50));
  });

  it("takes quantiles over feature changes only, by deployedAt window", () => {
    const snap = snapshot({
      deployments: [deployment({ id: "d0", at: "2026-06-10" }), DEPLOY],
      changes: [
        change({ id: "a", mergedAt: "2026-06-09", createdAt: "2026-06-08", title: "feat: a" }),
        change({ id: "b", mergedAt: "2026-06-28", createdAt: "2026-06-28", title: "feat: b" }),
        change({ id: "c", mergedAt: "2026-06-28", createdAt: "2026-06-25", labels: ["feature"] }),
        change({ id: "x", mergedAt: "2026-06-28", createdAt: "2026-06-01" }), // not a feature
      ],
    });
    // 7d: b 1d, c 4d → p50 2.5d, p90 1d + 0.9·3d = 3.7d
    // 30d adds a (06-10 − 06-08 = 2d): [1,2,4]d → p50 2d, p90 h=1.8 → 2d + 0.8·2d = 3.6d
    expectRows(snap, [
      ...rows(M.feature, "7d", { org: 2.5 * DAY }, p50),
      ...rows(M.feature, "7d", { org: 3.7 * DAY }, { quantile: "0.9" }),
      ...rows(M.feature, "30d", { org: 2 * DAY }, p50),
      ...rows(M.feature, "30d", { org: 3.6 * DAY }, { quantile: "0.9" }),
    ]);
  });
});
