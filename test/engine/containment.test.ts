// Which deployment ships a change (contract §3, Decisions 6, 7 and 134). The changes below have
// no commits and no createdAt, so firstCommitAt = mergedAt and the lead time of a change
// shipped alone reveals its deployment: lead = deployedAt − mergedAt.
import { describe, expect, it } from "vitest";
import { change, DAY, deployment, expectRows, HOUR, M, rows, series, snapshot } from "./helpers.ts";

const p50 = { quantile: "0.5" };
const A = "a".repeat(40);
const C1 = change({ id: "c1", mergedAt: "2026-06-19" });
const C2 = change({ id: "c2", mergedAt: "2026-06-19T12:00Z" });

describe("containment", () => {
  it.each([
    {
      name: "explicit lists: c1 merged before A but listed only on B ships with B",
      deployments: [
        deployment({ id: "A", at: "2026-06-20", changes: ["c2"] }),
        deployment({ id: "B", at: "2026-06-25", changes: ["c1"] }),
      ],
      lead: { c1: 6 * DAY, c2: 12 * HOUR }, // c1: 06-25 − 06-19; c2: 06-20 − 06-19T12
    },
    {
      // Until v1.1 the earlier A shipped c1 by merge order; a list now wins per change.
      name: "v1.1 (decision 134): c1 listed by B ships with B, though A without a list finished after its merge",
      deployments: [
        deployment({ id: "A", at: "2026-06-20" }),
        deployment({ id: "B", at: "2026-06-25", changes: ["c1"] }),
      ],
      lead: { c1: 6 * DAY, c2: 12 * HOUR }, // c1 by B: 06-25 − 06-19; c2 unlisted, by A
    },
    {
      name: "merge order needs a merge strictly before finishedAt",
      deployments: [
        deployment({ id: "A", at: "2026-06-19T12:00Z" }), // == c2.mergedAt: not contained
        deployment({ id: "B", at: "2026-06-25" }),
      ],
      lead: { c1: 12 * HOUR, c2: 5.5 * DAY }, // c1 by A; c2 by B: 06-25 − 06-19T12
    },
    {
      name: "rollbacks (rollbackOf, or a redeployed SHA) ship nothing, even with a list",
      deployments: [
        deployment({ id: "A", at: "2026-06-18", sha: A }),
        deployment({ id: "X", at: "2026-06-19T06:00Z" }), // ships c1: 6h
        deployment({ id: "R", at: "2026-06-20", rollbackOf: "X", changes: ["c2"] }),
        deployment({ id: "S", at: "2026-06-21", sha: A }), // rolls back R
        deployment({ id: "B", at: "2026-06-22" }), // ships c2: 06-22 − 06-19T12 = 2.5d
      ],
      lead: { c1: 6 * HOUR, c2: 2.5 * DAY },
    },
    {
      name: "non-production and failed attempts ship nothing",
      deployments: [
        deployment({ id: "S", at: "2026-06-19T18:00Z", env: "staging" }),
        deployment({ id: "F", at: "2026-06-20", status: "failure" }),
        deployment({ id: "B", at: "2026-06-24" }),
      ],
      lead: { c1: 5 * DAY, c2: 4.5 * DAY },
    },
  ])("$name", ({ deployments, lead }) => {
    for (const [id, expected] of Object.entries(lead)) {
      const alone = [C1, C2].filter((c) => c.id === id);
      expectRows(snapshot({ deployments, changes: alone }), [
        ...rows(M.lead, "30d", { checkout: expected }, p50),
      ]);
    }
    const both = snapshot({ deployments, changes: [C1, C2] });
    expectRows(both, rows(M.changes, "30d", { org: 2, payments: 2, checkout: 2 }));
  });

  it("an explicit list ships only changes of the deployment's own service", () => {
    const snap = snapshot({
      deployments: [
        deployment({ id: "A", at: "2026-06-25", changes: ["b1"] }),
        deployment({ id: "B", service: "billing", at: "2026-06-27" }),
      ],
      changes: [change({ id: "b1", service: "billing", mergedAt: "2026-06-24" })],
    });
    expectRows(snap, [
      ...rows(M.lead, "7d", { billing: 3 * DAY }, p50), // by B: 06-27 − 06-24
      ...rows(M.changes, "7d", { org: 1, billing: 1, checkout: undefined }),
    ]);
  });

  it("counts each change once, in the windows holding its deployedAt", () => {
    const snap = snapshot({
      deployments: [
        deployment({ id: "A", at: "2026-05-15" }), // ships c1 (90d)
        deployment({ id: "B", at: "2026-06-10" }), // ships c2 (30d); c1 already shipped
        deployment({ id: "C", at: "2026-06-25" }), // ships c3, c4 (7d)
      ],
      changes: [
        change({ id: "c1", mergedAt: "2026-05-14" }),
        change({ id: "c2", mergedAt: "2026-06-09" }),
        change({ id: "c3", mergedAt: "2026-06-24" }),
        change({ id: "c4", mergedAt: "2026-06-24T12:00Z" }),
        change({ id: "c5", mergedAt: "2026-06-26" }), // no deployment after it
      ],
    });
    expectRows(snap, [
      ...rows(M.changes, "7d", { org: 2, payments: 2, checkout: 2, billing: undefined }),
      ...rows(M.changes, "30d", { org: 3, checkout: 3 }),
      ...rows(M.changes, "90d", { org: 4, checkout: 4 }),
    ]);
    expect(series(snap, M.changes, { window: "7d" })).toHaveLength(3);
  });
});
