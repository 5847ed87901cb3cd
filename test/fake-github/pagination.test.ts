import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { syntheticGitHubOrg } from "../../bench/github-org.ts";
import { type FakeGitHub, startFakeGitHub } from "../support/fake-github/index.ts";
import { client } from "./small-org.ts";

// One synthetic repository: 95 merged PRs, 10 deployments (20 workflow runs), alerts.
let fake: FakeGitHub;
const org = syntheticGitHubOrg({ repos: 1, pulls: 95, deployments: 10, checkRuns: 40, seed: 7 });
const repo = org.repos[0];
if (repo === undefined) throw new Error("no repository generated");
const where = { owner: repo.owner, repo: repo.name };

beforeAll(async () => {
  fake = await startFakeGitHub({ org });
});
afterAll(() => fake.close());

describe("page pagination", () => {
  it("octokit.paginate gets every pull request, one request per page", async () => {
    fake.resetLog();
    const pulls = await client(fake).paginate("GET /repos/{owner}/{repo}/pulls", {
      ...where,
      state: "closed",
      per_page: 30,
    });
    expect(pulls).toHaveLength(95);
    expect(new Set(pulls.map((pull) => pull.number)).size).toBe(95);
    // GitHub's default order: created, newest first.
    const created = pulls.map((pull) => pull.created_at);
    expect(created).toEqual([...created].sort().reverse());
    expect(fake.requests.map((entry) => entry.status)).toEqual([200, 200, 200, 200]);
    expect(fake.quotaUsed()).toBe(4);
  });

  it("builds GitHub's Link header, keeping the other query parameters", async () => {
    const response = await client(fake).request("GET /repos/{owner}/{repo}/pulls", {
      ...where,
      state: "closed",
      per_page: 30,
      page: 2,
    });
    const url = (page: number) =>
      `${fake.url}/repos/${repo.owner}/${repo.name}/pulls?state=closed&per_page=30&page=${page}`;
    expect(response.headers.link).toBe(
      `<${url(1)}>; rel="prev", <${url(3)}>; rel="next", <${url(4)}>; rel="last", <${url(1)}>; rel="first"`,
    );
  });

  it("pages wrapped lists by their inner array and reports the full total_count", async () => {
    fake.resetLog();
    const first = await client(fake).request("GET /repos/{owner}/{repo}/actions/runs", {
      ...where,
      per_page: 7,
    });
    expect(first.data.total_count).toBe(20);
    expect(first.data.workflow_runs).toHaveLength(7);
    const runs = await client(fake).paginate("GET /repos/{owner}/{repo}/actions/runs", {
      ...where,
      per_page: 7,
    });
    expect(runs.map((run) => run.id).sort((a, b) => a - b)).toEqual(
      repo.workflowRuns.map((run) => run.id).sort((a, b) => a - b),
    );
    expect(fake.requests).toHaveLength(1 + 3);
  });

  it("filters workflow runs by workflow file and created range", async () => {
    const deployRuns = repo.workflowRuns.filter((run) => run.path.endsWith("/deploy.yml"));
    const since =
      deployRuns
        .map((run) => run.createdAt)
        .sort()[5]
        ?.slice(0, 10) ?? "";
    const runs = await client(fake).paginate(
      "GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs",
      { ...where, workflow_id: "deploy.yml", created: `>=${since}`, per_page: 100 },
    );
    expect(runs.length).toBeGreaterThan(0);
    expect(runs.every((run) => run.path.endsWith("deploy.yml") && run.created_at >= since)).toBe(
      true,
    );
    expect(runs.length).toBe(deployRuns.filter((run) => run.createdAt >= since).length);
  });
});

describe("cursor pagination (Dependabot alerts)", () => {
  it("follows after= cursors through the Link header, never page=", async () => {
    fake.resetLog();
    const alerts = await client(fake).paginate("GET /repos/{owner}/{repo}/dependabot/alerts", {
      ...where,
      per_page: 1,
    });
    expect(alerts.map((alert) => alert.number).sort((a, b) => a - b)).toEqual(
      repo.dependabotAlerts.map((alert) => alert.number).sort((a, b) => a - b),
    );
    expect(fake.requests).toHaveLength(repo.dependabotAlerts.length);
    const followUps = fake.requests.slice(1).map((entry) => entry.query);
    expect(followUps.every((query) => /after=/.test(query) && !/(^|&)page=/.test(query))).toBe(
      true,
    );
  });
});
