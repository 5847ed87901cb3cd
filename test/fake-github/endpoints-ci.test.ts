import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { syntheticGitHubOrg } from "../../bench/github-org.ts";
import { type FakeGitHub, startFakeGitHub } from "../support/fake-github/index.ts";
import { client } from "./small-org.ts";

// One synthetic repository, renamed acme/ci, with its workflow runs, alerts and billing.
let fake: FakeGitHub;
const busy = syntheticGitHubOrg({ repos: 1, pulls: 30, deployments: 4, checkRuns: 10, seed: 3 });
const ci = busy.repos[0];
if (ci === undefined) throw new Error("no repository generated");
Object.assign(ci, { owner: "acme", name: "ci" });

beforeAll(async () => {
  fake = await startFakeGitHub({ org: { login: "acme", repos: [ci], billing: busy.billing } });
});
afterAll(() => fake.close());

describe("REST shapes and filters (Actions, alerts, billing)", () => {
  it("serves workflow jobs and approvals", async () => {
    const deploy = ci.workflowRuns.find((run) => run.name === "Deploy");
    if (deploy === undefined) throw new Error("no deploy run");
    const where = { owner: "acme", repo: "ci", run_id: deploy.id };
    const jobs = await client(fake).request(
      "GET /repos/{owner}/{repo}/actions/runs/{run_id}/jobs",
      where,
    );
    expect(jobs.data).toMatchObject({
      total_count: 1,
      jobs: [{ run_id: deploy.id, head_sha: deploy.headSha, labels: ["ubuntu-latest"] }],
    });
    const approvals = await client(fake).request(
      "GET /repos/{owner}/{repo}/actions/runs/{run_id}/approvals",
      where,
    );
    expect(approvals.data).toMatchObject([
      { state: "approved", environments: [{ name: "production" }] },
    ]);
    const run = await client(fake).request(
      "GET /repos/{owner}/{repo}/actions/runs/{run_id}",
      where,
    );
    expect(run.data).toMatchObject({
      id: deploy.id,
      path: ".github/workflows/deploy.yml",
      status: "completed",
      run_attempt: 1,
    });
  });

  it("filters alerts and billing usage", async () => {
    const fixed = await client(fake).request("GET /repos/{owner}/{repo}/code-scanning/alerts", {
      owner: "acme",
      repo: "ci",
      state: "fixed",
    });
    expect(fixed.data.length).toBe(
      ci.codeScanningAlerts.filter((alert) => alert.state === "fixed").length,
    );
    expect(
      fixed.data.every(
        (alert) =>
          alert.state === "fixed" && alert.fixed_at !== null && alert.rule.severity === "error",
      ),
    ).toBe(true);
    const { data } = await client(fake).request("GET /organizations/{org}/settings/billing/usage", {
      org: "acme",
      year: 2026,
      month: 5,
    });
    const usage = data as { usageItems: { date: string; organizationName: string }[] };
    expect(usage.usageItems.length).toBe(
      busy.billing.filter((item) => item.date.startsWith("2026-05-")).length,
    );
    expect(usage.usageItems.every((item) => item.organizationName === "acme")).toBe(true);
  });
});

// Every top-level field of GitHub's documented example is present in the fake's answer.
const FIXTURES = new URL("../fixtures/github/", import.meta.url);
const example = (name: string, key?: string): Record<string, unknown> => {
  const { example } = JSON.parse(readFileSync(new URL(`${name}.json`, FIXTURES), "utf8"));
  const item = key === undefined ? example : example[key];
  return Array.isArray(item) ? item[0] : item;
};

describe("payload shapes", () => {
  it("keeps every field of the documented examples", async () => {
    const repo = { owner: "acme", repo: "ci" };
    const octokit = client(fake);
    const run = ci.workflowRuns[0];
    const sha = ci.checkRuns[0]?.sha ?? "";
    const cases: [Record<string, unknown>, unknown][] = [
      [example("org-repos"), (await octokit.request("GET /repos/{owner}/{repo}", repo)).data],
      [
        example("pulls"),
        (await octokit.request("GET /repos/{owner}/{repo}/pulls", { ...repo, state: "all" }))
          .data[0],
      ],
      [
        example("pull"),
        (
          await octokit.request("GET /repos/{owner}/{repo}/pulls/{pull_number}", {
            ...repo,
            pull_number: 1,
          })
        ).data,
      ],
      [
        example("deployments"),
        (await octokit.request("GET /repos/{owner}/{repo}/deployments", repo)).data[0],
      ],
      [
        example("actions-runs", "workflow_runs"),
        (
          await octokit.request("GET /repos/{owner}/{repo}/actions/runs/{run_id}", {
            ...repo,
            run_id: run?.id ?? 0,
          })
        ).data,
      ],
      [
        example("commit-check-runs", "check_runs"),
        (
          await octokit.request("GET /repos/{owner}/{repo}/commits/{ref}/check-runs", {
            ...repo,
            ref: sha,
          })
        ).data.check_runs[0],
      ],
      [
        example("dependabot-alerts"),
        (await octokit.request("GET /repos/{owner}/{repo}/dependabot/alerts", repo)).data[0],
      ],
      [
        example("code-scanning-alerts"),
        (await octokit.request("GET /repos/{owner}/{repo}/code-scanning/alerts", repo)).data[0],
      ],
    ];
    for (const [documented, served] of cases) {
      expect(Object.keys(served as object)).toEqual(
        expect.arrayContaining(Object.keys(documented)),
      );
    }
  });

  it("lists the organisation's repositories", async () => {
    const repos = await client(fake).paginate("GET /orgs/{org}/repos", { org: "acme" });
    expect(repos.map((repo) => [repo.full_name, repo.default_branch])).toEqual([
      ["acme/ci", "main"],
    ]);
  });
});
