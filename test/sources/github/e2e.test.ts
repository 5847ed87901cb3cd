import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type CliSession, cliSession } from "../../support/cli-session.ts";
import { sample } from "../../support/exposition.ts";
import { type FakeGitHub, startFakeGitHub } from "../../support/fake-github/index.ts";
import { e2eOrg } from "./e2e-org.ts";

// The whole path a user takes: `sync` against a (fake) GitHub over real HTTP, then
// `metrics`, compared with values computed by hand from e2e-org.ts. Then a second sync
// with nothing changed must spend no quota at all.

const AS_OF = "2026-06-30T00:00:00Z";
let fake: FakeGitHub;
let session: CliSession;

beforeAll(async () => {
  fake = await startFakeGitHub({ org: e2eOrg(), token: "e2e-token" });
  session = await cliSession({
    name: "github-e2e",
    asOf: AS_OF,
    env: { GITHUB_TOKEN: "e2e-token" },
    config: `version: kpi-exporter/v1
sources:
  github: { base_url: "${fake.url}", history_days: 90 }
compliance: { controls: { change_approval: 1 } }
teams:
  - name: payments
    services: [{ name: checkout, repositories: [acme/checkout] }]
`,
  });
});
afterAll(async () => {
  await fake?.close();
  await session?.close();
});

const cli = (args: string[]) => session.cli(args);

describe("GitHub sync end to end", () => {
  let metrics = "";
  beforeAll(async () => {
    const sync = await cli(["sync"]);
    expect(sync.stderr + sync.stdout).toMatch(/github: ok/);
    expect(sync.code).toBe(0);
    metrics = (await cli(["metrics"])).stdout;
  }, 60_000);

  test("DORA numbers equal the hand-computed ones", () => {
    const w = 'window="30d"';
    expect(
      sample(
        metrics,
        "dora_deployments_total",
        'team="payments",service="checkout",environment="production"',
      ),
    ).toBe(4);
    expect(
      sample(
        metrics,
        "dora_deployments_total",
        // staging is not in exported_environments: counted under other (decision 141).
        'team="payments",service="checkout",environment="other"',
      ),
    ).toBe(1);
    expect(sample(metrics, "dora_deployment_frequency_per_day", w)).toBeCloseTo(4 / 30, 12);
    // c1 is a direct push: D1, the first deployment, ships it by ancestry since the history start.
    expect(sample(metrics, "dora_changes_deployed", w)).toBe(4);
    // Lead times 4,200 s (c1), 4,200 s (c3), 14,700 s (#2), 94,200 s (#1);
    // p50 at h = 1.5: 4,200 + 0.5 × 10,500; p90 at h = 2.7: 14,700 + 0.7 × 79,500.
    expect(sample(metrics, "dora_change_lead_time_seconds", `${w},quantile="0.5"`)).toBe(9_450);
    expect(sample(metrics, "dora_change_lead_time_seconds", `${w},quantile="0.9"`)).toBeCloseTo(
      70_350,
      6,
    );
    // D3 is rolled back by D4 (an ancestor of D3's commit), recovered an hour later.
    expect(sample(metrics, "dora_change_failure_ratio", w)).toBe(0.25);
    expect(
      sample(metrics, "dora_failed_deployment_recovery_time_seconds", `${w},quantile="0.5"`),
    ).toBe(3_600);
    expect(sample(metrics, "dora_deployment_rework_ratio", w)).toBe(0.25);
    expect(sample(metrics, "kpi_feature_to_market_latency_seconds", `${w},quantile="0.5"`)).toBe(
      94_200,
    );
  });

  test("compliance uses the branch's required checks and PR approvals", () => {
    const w = 'window="30d"';
    // Only D4 passes both: D1 lacks ci, D2 ships an unapproved direct push, D3 fails ci and #2 is self-approved.
    expect(sample(metrics, "kpi_compliance_coverage_ratio", w)).toBe(0.25);
    expect(
      sample(metrics, "kpi_compliance_control_pass_ratio", `${w},control="required_checks"`),
    ).toBe(0.5);
    // Only D4, a rollback shipping nothing, ships no unapproved change (c1, c3 and the self-approved #2).
    expect(
      sample(metrics, "kpi_compliance_control_pass_ratio", `${w},control="change_approval"`),
    ).toBe(0.25);
  });

  test("Dependabot alerts become findings", () => {
    expect(sample(metrics, "kpi_vulnerabilities_open", 'severity="critical"')).toBe(1);
    expect(sample(metrics, "kpi_vulnerabilities_overdue", 'severity="critical"')).toBe(1);
    expect(
      sample(
        metrics,
        "kpi_vulnerability_remediation_time_seconds",
        'window="30d",severity="high",quantile="0.5"',
      ),
    ).toBe(864_000);
  });

  test("a second sync with nothing changed is all conditional and spends no quota", async () => {
    fake.resetLog();
    const again = await cli(["sync"]);
    expect(again.code).toBe(0);
    expect(fake.requests.length).toBeGreaterThan(0);
    expect(fake.requests.filter((r) => r.graphql)).toEqual([]);
    expect(fake.requests.filter((r) => !r.conditional)).toEqual([]);
    expect(fake.quotaUsed()).toBe(0);
    expect((await cli(["metrics"])).stdout).toBe(metrics);
  }, 60_000);
});
