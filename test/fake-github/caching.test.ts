import { RequestError } from "@octokit/request-error";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeGitHub, startFakeGitHub } from "../support/fake-github/index.ts";
import { client, day, sha, smallOrg } from "./small-org.ts";

let fake: FakeGitHub;
beforeAll(async () => {
  fake = await startFakeGitHub({ org: smallOrg() });
});
afterAll(() => fake.close());

const listDeployments = (etag?: string) =>
  client(fake).request("GET /repos/{owner}/{repo}/deployments", {
    owner: "acme",
    repo: "web",
    headers: etag === undefined ? {} : { "if-none-match": etag },
  });

describe("ETags and conditional requests", () => {
  it("answers a matching If-None-Match with 304, free of quota", async () => {
    const first = await listDeployments();
    const etag = first.headers.etag ?? "";
    expect(etag).toMatch(/^W\/"[0-9a-f]{40}"$/);
    const remaining = first.headers["x-ratelimit-remaining"];
    fake.resetLog();
    const error = await listDeployments(etag).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RequestError);
    expect((error as RequestError).status).toBe(304);
    expect((error as RequestError).response?.headers["x-ratelimit-remaining"]).toBe(remaining);
    expect(fake.requests).toMatchObject([{ status: 304, conditional: true, quota: 0 }]);
    expect(fake.quotaUsed()).toBe(0);
  });

  it("changes the ETag when the model changes", async () => {
    const before = (await listDeployments()).headers.etag ?? "";
    fake.org.repos[0]?.deployments.push({
      ...{ id: 104, sha: sha("c5"), ref: "main", environment: "production" },
      ...{ createdAt: day(6, 14), creator: "deployer", statuses: [] },
    });
    fake.resetLog();
    const after = await listDeployments(before);
    expect(after.status).toBe(200);
    expect(after.headers.etag).not.toBe(before);
    expect(after.data[0]?.id).toBe(104);
    expect(fake.requests).toMatchObject([{ status: 200, conditional: true, quota: 1 }]);
  });

  it("reports rate-limit headers that count down with quota", async () => {
    const one = await client(fake).request("GET /repos/{owner}/{repo}", {
      owner: "acme",
      repo: "web",
    });
    const two = await client(fake).request("GET /repos/{owner}/{repo}", {
      owner: "acme",
      repo: "web",
    });
    const remaining = (headers: Record<string, unknown>) =>
      Number(headers["x-ratelimit-remaining"]);
    expect(remaining(one.headers) - remaining(two.headers)).toBe(1);
    expect(two.headers["x-ratelimit-resource"]).toBe("core");
    expect(Number(two.headers["x-ratelimit-used"]) + remaining(two.headers)).toBe(5000);
  });
});

describe("authentication and routing errors", () => {
  it("rejects requests without valid credentials with 401 Bad credentials", async () => {
    const anonymous = await fetch(`${fake.url}/repos/acme/web`);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toEqual({
      message: "Bad credentials",
      documentation_url: expect.any(String),
    });
    const wrong = await client(fake, "nope")
      .request("GET /repos/{owner}/{repo}", { owner: "acme", repo: "web" })
      .catch((e: RequestError) => e);
    expect((wrong as RequestError).status).toBe(401);
    const bearer = await fetch(`${fake.url}/repos/acme/web`, {
      headers: { authorization: "Bearer test-token" },
    });
    expect(bearer.status).toBe(200);
  });

  it("answers unknown routes and records with GitHub's 404 body", async () => {
    const response = await fetch(`${fake.url}/repos/acme/web/nothing-here`, {
      headers: { authorization: "token test-token" },
    });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({
      message: "Not Found",
      documentation_url: expect.stringContaining("docs.github.com"),
    });
    const missing = await client(fake)
      .request("GET /repos/{owner}/{repo}", { owner: "acme", repo: "gone" })
      .catch((e: RequestError) => e);
    expect((missing as RequestError).status).toBe(404);
  });
});
