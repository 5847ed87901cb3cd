// Failed deployment recovery time (contract §3, Decision 12).
import { describe, expect, it } from "vitest";
import {
  DAY,
  deployment,
  expectRows,
  HOUR,
  incident,
  M,
  rows,
  series,
  snapshot,
} from "./helpers.ts";

const p50 = { quantile: "0.5" };
const p90 = { quantile: "0.9" };
const A = "a".repeat(40);
const D0 = deployment({ id: "d0", at: "2026-06-24", sha: A });
const D1 = deployment({ id: "d1", at: "2026-06-25", sha: "b".repeat(40) });
/** An incident referencing d1, started and resolved on 06-25 at the given times. */
const onD1 = (id: string, started: string, resolved?: string) =>
  incident({
    id,
    deploymentId: "d1",
    startedAt: `2026-06-25T${started}Z`,
    resolvedAt: resolved && `2026-06-25T${resolved}Z`,
  });

describe("recovery instant", () => {
  it.each([
    {
      name: "latest resolution of the linked incidents (3h and 5h after d1) → 5h",
      deployments: [D0, D1],
      incidents: [onD1("i1", "01:00", "03:00"), onD1("i2", "02:00", "05:00")],
      expected: 5 * HOUR,
    },
    {
      name: "one linked incident unresolved → no sample",
      deployments: [D0, D1],
      incidents: [onD1("i1", "01:00", "03:00"), onD1("i2", "02:00")],
      expected: undefined,
    },
    {
      name: "resolved after asOf counts as unresolved (Decision 1) → no sample",
      deployments: [D0, D1],
      incidents: [
        incident({
          id: "i1",
          deploymentId: "d1",
          startedAt: "2026-06-25T01:00Z",
          resolvedAt: "2026-06-30T00:00:01Z",
        }),
      ],
      expected: undefined,
    },
    {
      name: "rolled back twice: the first rollback's finishedAt → 6h",
      deployments: [
        D0,
        D1,
        deployment({ id: "r1", at: "2026-06-25T06:00Z", rollbackOf: "d1" }),
        deployment({ id: "r2", at: "2026-06-25T09:00Z", rollbackOf: "d1" }),
      ],
      incidents: [],
      expected: 6 * HOUR,
    },
    {
      name: "rollback only (redeployed SHA) → 8h",
      deployments: [D0, D1, deployment({ id: "r", at: "2026-06-25T08:00Z", sha: A })],
      incidents: [],
      expected: 8 * HOUR,
    },
    {
      name: "incident and rollback: the incident's resolution (10h), not the rollback (6h)",
      deployments: [D0, D1, deployment({ id: "r", at: "2026-06-25T06:00Z", rollbackOf: "d1" })],
      incidents: [onD1("i1", "01:00", "10:00")],
      expected: 10 * HOUR,
    },
    {
      name: "incident attributed by the window rule, resolved 4h after d1",
      deployments: [D0, D1],
      incidents: [
        incident({ id: "i1", startedAt: "2026-06-25T01:00Z", resolvedAt: "2026-06-25T04:00Z" }),
      ],
      expected: 4 * HOUR,
    },
  ])("$name", ({ deployments, incidents, expected }) => {
    const snap = snapshot({ deployments, incidents });
    expectRows(snap, [
      ...rows(M.recovery, "7d", { org: expected, payments: expected, checkout: expected }, p50),
      ...rows(M.recovery, "7d", { checkout: expected }, p90),
    ]);
    if (expected === undefined) expect(series(snap, M.recovery)).toEqual([]);
  });
});

describe("recovery windows and quantiles", () => {
  it("puts a sample in the window of its recovery instant, not of the deployment", () => {
    const snap = snapshot({
      deployments: [deployment({ id: "d1", at: "2026-06-20" })], // not in 7d
      incidents: [
        incident({
          id: "i1",
          deploymentId: "d1",
          startedAt: "2026-06-21",
          resolvedAt: "2026-06-24",
        }),
      ],
    });
    // recovered 06-24 (in 7d): 06-24 − 06-20 = 4d; the deployment itself counts in 30d only
    expectRows(snap, [
      ...rows(M.recovery, "7d", { org: 4 * DAY, checkout: 4 * DAY }, p50),
      ...rows(M.recovery, "30d", { org: 4 * DAY }, p50),
      ...rows(M.cfr, "7d", { org: undefined }),
      ...rows(M.cfr, "30d", { org: 1 }),
    ]);
  });

  it("pools samples per scope: checkout [1h, 3h], gateway [5h], org [1h, 3h, 5h]", () => {
    const failed = (id: string, service: string, day: number, hours: number) => [
      deployment({ id, service, at: `2026-06-2${day}` }),
      incident({
        id: `i-${id}`,
        service,
        deploymentId: id,
        startedAt: `2026-06-2${day}T00:30Z`,
        resolvedAt: `2026-06-2${day}T0${hours}:00Z`,
      }),
    ];
    const all = [
      failed("k1", "checkout", 4, 1),
      failed("k2", "checkout", 5, 3),
      failed("g1", "gateway", 6, 5),
    ];
    const snap = snapshot({
      deployments: all.map(([d]) => d) as ReturnType<typeof deployment>[],
      incidents: all.map(([, i]) => i) as ReturnType<typeof incident>[],
    });
    expectRows(snap, [
      // org [1,3,5]h: p50 3h; p90 h=1.8 → 3h + 0.8·2h = 4.6h = 16560 s
      // checkout [1,3]h: p50 2h; p90 h=0.9 → 1h + 0.9·2h = 2.8h = 10080 s
      ...rows(M.recovery, "7d", { org: 3 * HOUR, payments: 2 * HOUR, checkout: 2 * HOUR }, p50),
      ...rows(M.recovery, "7d", { org: 16_560, payments: 10_080, checkout: 10_080 }, p90),
      ...rows(M.recovery, "7d", { platform: 5 * HOUR, gateway: 5 * HOUR }, p90),
    ]);
  });
});
