import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startFakeGitHubIssues } from "../../support/fake-incidents/github-issues.ts";
import { scenarioIssues } from "./issues-scenario.ts";
import {
  type CliSession,
  cliSession,
  EXPECTED_AFTER_CLOSE,
  EXPECTED_FIRST,
  INC_D_CLOSED,
  sample,
  TEAMS,
} from "./scenario.ts";

// `sync --source github_issues` against a fake GitHub: scenario.ts told as labelled
// issues (issues-scenario.ts), routed by repository.

let fake: Awaited<ReturnType<typeof startFakeGitHubIssues>>;
let session: CliSession;
const w = { window: "30d" };

beforeAll(async () => {
  fake = await startFakeGitHubIssues({ token: "gh-token", issues: scenarioIssues() });
  session = await cliSession(
    `version: kpi-exporter/v1
sources:
  github_issues: { base_url: "${fake.url}", labels: [incident, outage], history_days: 90 }
${TEAMS}`,
    { GITHUB_TOKEN: "gh-token" },
  );
}, 120_000);
afterAll(async () => {
  await fake?.close();
  await session?.close();
});

describe("GitHub issues sync end to end", () => {
  let metrics = "";
  beforeAll(async () => {
    const sync = await session.cli(["sync", "--source", "github_issues"]);
    expect(sync.code, sync.stdout + sync.stderr).toBe(0);
    metrics = await session.metrics();
  }, 120_000);

  test("change failure ratio and recovery time equal the hand-computed ones", () => {
    expect(sample(metrics, "dora_change_failure_ratio", w)).toBeCloseTo(EXPECTED_FIRST.ratio, 12);
    const checkout = { ...w, team: "payments", service: "checkout" };
    expect(sample(metrics, "dora_change_failure_ratio", checkout)).toBe(
      EXPECTED_FIRST.checkoutRatio,
    );
    const q = (quantile: string) =>
      sample(metrics, "dora_failed_deployment_recovery_time_seconds", { ...w, quantile });
    expect(q("0.5")).toBe(EXPECTED_FIRST.p50);
    expect(q("0.9")).toBeCloseTo(EXPECTED_FIRST.p90, 6);
    // #50, #51, #52 and ledger#7; not ledger#8 (P4), the pull request, nor the bug.
    expect(sample(metrics, "kpi_exporter_records", { kind: "incident" })).toBe(4);
  });

  test("one listing per label and repository, from the history start, paged by Link", () => {
    const listings = fake.requests.map(
      (r) => `${r.path} ${r.query.get("labels")} ${r.query.get("page") ?? "1"}`,
    );
    expect(listings.sort()).toEqual([
      "/repos/acme/checkout/issues incident 1",
      "/repos/acme/checkout/issues incident 2",
      "/repos/acme/checkout/issues outage 1",
      "/repos/acme/ledger/issues incident 1",
      "/repos/acme/ledger/issues outage 1",
    ]);
    expect(fake.requests.every((r) => r.query.get("since") === "2026-04-01T00:00:00.000Z")).toBe(
      true,
    );
  });

  test("a second sync reads from each repository's cursor and sees INC-D close", async () => {
    const incD = fake.issues.find((i) => i.number === 52);
    Object.assign(incD ?? {}, { closedAt: INC_D_CLOSED, updatedAt: INC_D_CLOSED });
    fake.requests.length = 0;
    const again = await session.cli(["sync", "--source", "github_issues"]);
    expect(again.code, again.stderr).toBe(0);
    const since = (repo: string) =>
      fake.requests.find((r) => r.path === `/repos/${repo}/issues`)?.query.get("since");
    // The newest updated_at read per repository (the pull request counts: it was read).
    expect(since("acme/checkout")).toBe("2026-06-25T11:00:00Z");
    expect(since("acme/ledger")).toBe("2026-06-15T12:00:00Z");
    const after = await session.metrics();
    expect(
      sample(after, "dora_failed_deployment_recovery_time_seconds", { ...w, quantile: "0.5" }),
    ).toBe(EXPECTED_AFTER_CLOSE.p50);
  }, 120_000);
});
