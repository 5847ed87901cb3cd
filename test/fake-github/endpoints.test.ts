import type { RequestError } from "@octokit/request-error";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeGitHub, startFakeGitHub } from "../support/fake-github/index.ts";
import { client, sha, smallOrg } from "./small-org.ts";

let fake: FakeGitHub;
const web = { owner: "acme", repo: "web" };

beforeAll(async () => {
  fake = await startFakeGitHub({ org: smallOrg() });
});
afterAll(() => fake.close());

describe("REST shapes and filters (acme/web)", () => {
  it("lists deployments newest first with filters and template fields", async () => {
    const { data } = await client(fake).request("GET /repos/{owner}/{repo}/deployments", web);
    expect(data.map((deployment) => deployment.id)).toEqual([102, 103, 101]);
    expect(data[2]).toMatchObject({
      node_id: "DE_101",
      task: "deploy",
      creator: { login: "deployer" },
    });
    expect(data[2]).toMatchObject({
      updated_at: "2026-03-03T16:00:00Z",
      production_environment: true,
    });
    expect(Object.keys(data[0] ?? {})).toEqual(
      expect.arrayContaining(["statuses_url", "payload", "transient_environment"]),
    );
    const staging = await client(fake).request("GET /repos/{owner}/{repo}/deployments", {
      ...web,
      environment: "staging",
    });
    expect(staging.data).toMatchObject([
      { id: 103, task: "deploy:migrations", production_environment: false },
    ]);
    const statuses = await client(fake).request(
      "GET /repos/{owner}/{repo}/deployments/{deployment_id}/statuses",
      { ...web, deployment_id: 101 },
    );
    expect(statuses.data.map((status) => status.state)).toEqual(["success", "pending"]);
    expect(statuses.data[0]?.log_url).toBe("https://ci.example/101");
  });

  it("sorts and filters pull requests like GitHub", async () => {
    const open = await client(fake).request("GET /repos/{owner}/{repo}/pulls", web);
    expect(open.data.map((pull) => [pull.number, pull.state, pull.draft])).toEqual([
      [3, "open", true],
    ]);
    const updated = await client(fake).request("GET /repos/{owner}/{repo}/pulls", {
      ...web,
      state: "all",
      sort: "updated",
    });
    // updated ascending by default: #3 was last touched on the 5th at 10:00, #2 at 12:00.
    expect(updated.data.map((pull) => pull.number)).toEqual([1, 3, 2]);
    const { data: pull } = await client(fake).request(
      "GET /repos/{owner}/{repo}/pulls/{pull_number}",
      { ...web, pull_number: 1 },
    );
    expect(pull).toMatchObject({
      merged: true,
      merge_commit_sha: sha("c2"),
      head: { sha: sha("p1b") },
      base: { ref: "main" },
      commits: 2,
    });
    const reviews = await client(fake).request(
      "GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews",
      { ...web, pull_number: 1 },
    );
    expect(reviews.data.map((review) => [review.user?.login, review.state])).toEqual([
      ["carol", "CHANGES_REQUESTED"],
      ["erin", "APPROVED"],
    ]);
  });

  it("serves check runs (latest per name by default), statuses and the combined status", async () => {
    const at = { ...web, ref: sha("c4") };
    const latest = await client(fake).request(
      "GET /repos/{owner}/{repo}/commits/{ref}/check-runs",
      at,
    );
    expect(latest.data.total_count).toBe(3);
    expect(latest.data.check_runs.map((run) => [run.id, run.app?.slug])).toEqual([
      [4, "github-code-scanning"],
      [3, "github-actions"],
      [2, "github-actions"],
    ]);
    const all = await client(fake).request("GET /repos/{owner}/{repo}/commits/{ref}/check-runs", {
      ...at,
      filter: "all",
      check_name: "build",
    });
    expect(all.data.check_runs.map((run) => run.conclusion)).toEqual(["success", "failure"]);
    const combined = await client(fake).request(
      "GET /repos/{owner}/{repo}/commits/{ref}/status",
      at,
    );
    expect(combined.data).toMatchObject({ state: "success", total_count: 2, sha: sha("c4") });
    const list = await client(fake).request("GET /repos/{owner}/{repo}/commits/{ref}/statuses", at);
    expect(list.data.map((status) => status.context)).toEqual([
      "ci/lint",
      "ci/legacy",
      "ci/legacy",
    ]);
    const unknown = await client(fake)
      .request("GET /repos/{owner}/{repo}/commits/{ref}/status", { ...web, ref: sha("x") })
      .catch((e: RequestError) => e);
    expect((unknown as RequestError).status).toBe(422);
  });

  it("serves branch protection, rules and the unprotected 404", async () => {
    const { data } = await client(fake).request(
      "GET /repos/{owner}/{repo}/branches/{branch}/protection",
      { ...web, branch: "main" },
    );
    expect(data.required_status_checks).toMatchObject({
      contexts: ["build"],
      checks: [{ context: "build", app_id: null }],
    });
    expect(data.required_pull_request_reviews?.required_approving_review_count).toBe(2);
    const rules = await client(fake).request("GET /repos/{owner}/{repo}/rules/branches/{branch}", {
      ...web,
      branch: "main",
    });
    expect(rules.data).toMatchObject([{ type: "deletion", ruleset_source: "acme/web" }]);
    const error = (await client(fake)
      .request("GET /repos/{owner}/{repo}/branches/{branch}/protection", {
        owner: "acme",
        repo: "empty",
        branch: "main",
      })
      .catch((e: RequestError) => e)) as RequestError;
    expect([
      error.status,
      (error.response?.data as { message?: string } | undefined)?.message,
    ]).toEqual([404, "Branch not protected"]);
  });
});
