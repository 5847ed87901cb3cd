import { afterEach, describe, expect, it } from "vitest";
import { edgeOrg, L1_SHA, LEDGER } from "./edge-org.ts";
import { at, BACKENDS, type Edge, startEdge } from "./edge-setup.ts";
import { seriesValue } from "./independent-setup.ts";

// A commit status is judged by its state at go-live. Status "ci/build" on l1 is green at
// 06-01 09:30 and turns red at 06-03 12:00; L1 went live 06-02 10:20, L2 (same commit)
// 06-04 10:20. One sync after both: GraphQL shows only the red state, set after L1's
// go-live, so the commit's status history is read and stored whole.
//   required_checks: L1 ✓ (latest by 10:20 06-02 is green) · L2 ✗ (red) → pass ratio 1/2
//   compliant (required_checks is the only control): 1/2
// (Keeping only the latest state, L1 had no result by its go-live and failed too: 0/2.)

const AS_OF = "2026-06-30T00:00:00Z";
const W30 = { team: "finance", service: "ledger", window: "30d" };

let edge: Edge | undefined;
afterEach(() => edge?.close());

describe.each(BACKENDS)("commit status history (%s)", (backend) => {
  it("a status turning red after go-live fails only the deployments after it", async () => {
    edge = await startEdge(backend, edgeOrg());
    await edge.sync("2026-06-05T00:00:00Z");
    const histories = edge.fake.requests.filter((r) => r.path.endsWith("/statuses"));
    // Only l1 had a state set after its go-live; shop's commits have no statuses at all.
    expect(histories.map((r) => r.path)).toEqual([`/repos/${LEDGER}/commits/${L1_SHA}/statuses`]);

    const checks = (await edge.records()).checks
      .filter((c) => c.commitSha === L1_SHA)
      .map((c) => [c.name, c.conclusion, c.completedAt, c.service]);
    expect(checks.sort()).toEqual(
      [
        ["ci/build", "failure", at("06-03T12:00"), "ledger"],
        ["ci/build", "success", at("06-01T09:30"), "ledger"],
      ].sort(),
    );

    const samples = await edge.metrics(AS_OF);
    const control = { ...W30, control: "required_checks" };
    expect(seriesValue(samples, "kpi_compliance_control_pass_ratio", control)).toBe(0.5);
    expect(seriesValue(samples, "kpi_compliance_coverage_ratio", W30)).toBe(0.5);
  }, 60_000);

  it("a later sync keeps the green state an earlier sync stored", async () => {
    const org = edgeOrg();
    const ledger = org.repos.find((r) => r.name === "ledger");
    const red = ledger?.statuses.pop();
    const l2 = ledger?.workflowRuns.pop();
    edge = await startEdge(backend, org);
    await edge.sync("2026-06-03T00:00:00Z");
    // The status turns red and L2 deploys the same commit: GraphQL's latest state now
    // postdates nothing read in this run (L2 went live after it), so no history is read.
    if (red && l2) {
      ledger?.statuses.push(red);
      ledger?.workflowRuns.push(l2);
    }
    const before = edge.fake.requests.length;
    await edge.sync("2026-06-05T00:00:00Z");
    const after = edge.fake.requests.slice(before);
    expect(after.filter((r) => r.path.endsWith("/statuses"))).toEqual([]);
    const conclusions = (await edge.records()).checks
      .filter((c) => c.commitSha === L1_SHA)
      .map((c) => c.conclusion)
      .sort();
    expect(conclusions).toEqual(["failure", "success"]);
    const samples = await edge.metrics(AS_OF);
    const control = { ...W30, control: "required_checks" };
    expect(seriesValue(samples, "kpi_compliance_control_pass_ratio", control)).toBe(0.5);
  }, 60_000);
});
