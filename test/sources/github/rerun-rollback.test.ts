import { afterEach, describe, expect, it } from "vitest";
import type { Deployment } from "../../../src/domain/records.ts";
import { edgeOrg, rerunOldDeploy, SHOP } from "./edge-org.ts";
import { at, BACKENDS, type Edge, startEdge } from "./edge-setup.ts";
import { type Sample, seriesValue } from "./independent-setup.ts";

// Re-running an old deploy run (attempt 2 of run 701, five days after D2) is a rollback
// by redeploying s1. D1 keeps its go-live and its change; the re-run is a deployment of
// its own. Expected values, 30d window at 06-30 (edge-org.ts has the timeline):
//   deployments D1 06-01 10:20 · D2 06-05 10:20 · R 06-10 10:30 (rollback of D2) → 3
//   change failure: D2 (rolled back) of 3 → 1/3; rework: R of 3 → 1/3
//   recovery of D2 at R: 5 d 10 min = 432,600 s
//   lead times #1 05-31 15:00→D1 69,600 s · #2 06-03 15:00→D2 156,000 s:
//     p50 h=0.5 → 69,600+0.5·86,400 = 112,800; p90 h=0.9 → 69,600+0.9·86,400 = 147,360
// (Before, the re-run overwrote D1: two deployments, D1 a rollback at 06-10, #1 unshipped.)

const AS_OF = "2026-06-30T00:00:00Z";
const SCOPE = { team: "store", service: "shop" };
const W30 = { ...SCOPE, window: "30d" };
const D1 = `${SHOP}/actions/runs/701`;
const D2 = `${SHOP}/actions/runs/702`;
const R = `${SHOP}/actions/runs/701/attempts/2`;

let edge: Edge | undefined;
afterEach(() => edge?.close());

function expectRerunKpis(samples: Sample[]) {
  const value = (name: string, labels: Record<string, string>) =>
    seriesValue(samples, name, labels);
  expect(
    value("dora_deployments_total", { ...SCOPE, environment: "production" }),
    "deployments",
  ).toBe(3);
  expect(value("dora_change_failure_ratio", W30)).toBeCloseTo(1 / 3, 9);
  expect(value("dora_deployment_rework_ratio", W30)).toBeCloseTo(1 / 3, 9);
  expect(value("dora_changes_deployed", W30)).toBe(2);
  expect(value("dora_failed_deployment_recovery_time_seconds", { ...W30, quantile: "0.5" })).toBe(
    432_600,
  );
  expect(value("dora_change_lead_time_seconds", { ...W30, quantile: "0.5" })).toBe(112_800);
  expect(value("dora_change_lead_time_seconds", { ...W30, quantile: "0.9" })).toBeCloseTo(
    147_360,
    6,
  );
}

function expectRerunRecords(deployments: Deployment[]) {
  const byId = new Map(deployments.filter((d) => d.service === "shop").map((d) => [d.id, d]));
  expect([...byId.keys()].sort()).toEqual([D1, R, D2].sort());
  expect(byId.get(D1)).toMatchObject({
    finishedAt: at("06-01T10:20"),
    status: "success",
    changes: [`${SHOP}#1`],
  });
  expect(byId.get(D1)?.rollbackOf).toBeUndefined();
  expect(byId.get(D2)).toMatchObject({ finishedAt: at("06-05T10:20"), changes: [`${SHOP}#2`] });
  expect(byId.get(R)).toMatchObject({
    commitSha: byId.get(D1)?.commitSha,
    startedAt: at("06-10T10:10"),
    finishedAt: at("06-10T10:30"),
    status: "success",
    rollbackOf: D2,
    changes: [],
    triggeredBy: "carol",
    url: `https://github.com/${SHOP}/actions/runs/701/attempts/2`,
  });
}

describe.each(BACKENDS)("re-run of an old deploy run (%s)", (backend) => {
  it("a later sync adds the re-run as a rollback and leaves the original in place", async () => {
    const org = edgeOrg();
    edge = await startEdge(backend, org);
    await edge.sync("2026-06-06T00:00:00Z");
    rerunOldDeploy(org);
    const before = edge.fake.requests.length;
    await edge.sync("2026-06-11T00:00:00Z");
    // Found by listing the deploy workflow's completed runs again; attempt 2 is the run
    // itself, so no earlier attempt needed reading.
    const second = edge.fake.requests.slice(before);
    expect(
      second.some(
        (r) => r.path === "/repos/acme/shop/actions/workflows/deploy.yml/runs" && r.status === 200,
      ),
    ).toBe(true);
    expect(second.filter((r) => r.path.includes("/attempts/"))).toEqual([]);
    expectRerunRecords((await edge.records()).deployments);
    expectRerunKpis(await edge.metrics(AS_OF));

    // Nothing new: the next sync stores the same three deployments, none moved.
    await edge.sync("2026-06-12T00:00:00Z");
    expectRerunRecords((await edge.records()).deployments);
  }, 60_000);

  it("a first sync after the re-run reads attempt 1 and gives the same deployments", async () => {
    const org = edgeOrg();
    rerunOldDeploy(org);
    edge = await startEdge(backend, org);
    await edge.sync("2026-06-11T00:00:00Z");
    const attempts = edge.fake.requests.filter((r) => r.path.includes("/attempts/"));
    expect(attempts.map((r) => [r.path, r.status])).toEqual([
      ["/repos/acme/shop/actions/runs/701/attempts/1", 200],
    ]);
    expectRerunRecords((await edge.records()).deployments);
    expectRerunKpis(await edge.metrics(AS_OF));
  }, 60_000);

  it("a store synced by the previous version picks up a later re-run", async () => {
    const org = edgeOrg();
    edge = await startEdge(backend, org);
    await edge.sync("2026-06-06T00:00:00Z");
    // The cursor as the previous version left it: no attempts remembered.
    await edge.withStore(async (store) => {
      const cursor = (await store.cursors("github")).get("acme/shop") as Record<string, unknown>;
      delete cursor.deployAttempts;
      delete cursor.deployWorkflows;
      await store.upsert({}, { cursors: [{ source: "github", key: "acme/shop", value: cursor }] });
    });
    // The first sync after the upgrade learns run 701 is at attempt 1 and stores nothing.
    await edge.sync("2026-06-07T00:00:00Z");
    rerunOldDeploy(org);
    await edge.sync("2026-06-11T00:00:00Z");
    expectRerunRecords((await edge.records()).deployments);
    expectRerunKpis(await edge.metrics(AS_OF));
  }, 90_000);
});
