import type { RequestError } from "@octokit/request-error";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeGitHub, startFakeGitHub } from "../support/fake-github/index.ts";
import { client, smallOrg } from "./small-org.ts";

let fake: FakeGitHub;
beforeAll(async () => {
  fake = await startFakeGitHub({ org: smallOrg() });
});
afterAll(() => fake.close());

const getRepo = () =>
  client(fake)
    .request("GET /repos/{owner}/{repo}", { owner: "acme", repo: "web" })
    .then(
      (response) => ({
        status: response.status,
        headers: response.headers,
        data: response.data as unknown,
      }),
      (error: RequestError) => ({
        status: error.status,
        headers: error.response?.headers ?? {},
        data: error.response?.data,
      }),
    );

describe("failure injection", () => {
  it("answers secondary rate limits with retry-after, GitHub's message and quota left", async () => {
    fake.resetLog();
    fake.failSecondaryRateLimit(/^\/repos\/acme\/web$/, 1, 7);
    fake.failSecondaryRateLimit(/^\/repos\/acme\/web$/, 1, 3, 429);
    const first = await getRepo();
    expect(first.status).toBe(403);
    expect(first.headers["retry-after"]).toBe("7");
    expect(first.headers["x-ratelimit-remaining"]).not.toBe("0");
    expect((first.data as { message: string }).message).toMatch(
      /^You have exceeded a secondary rate limit/,
    );
    const second = await getRepo();
    expect([second.status, second.headers["retry-after"]]).toEqual([429, "3"]);
    expect((await getRepo()).status).toBe(200);
    expect(fake.requests.map((entry) => entry.quota)).toEqual([0, 0, 1]);
  });

  it("answers primary exhaustion with remaining 0 and the reset time", async () => {
    fake.failPrimaryRateLimit(/\/repos\//, 1, 120);
    const before = Math.floor(Date.now() / 1000);
    const limited = await getRepo();
    expect(limited.status).toBe(403);
    expect(limited.headers["x-ratelimit-remaining"]).toBe("0");
    const reset = Number(limited.headers["x-ratelimit-reset"]);
    expect(reset).toBeGreaterThanOrEqual(before + 120);
    expect(reset).toBeLessThanOrEqual(before + 122);
    expect((await getRepo()).status).toBe(200);
  });

  it("answers injected server errors with a JSON message, only for matching paths", async () => {
    fake.resetLog();
    fake.failServerError(/\/deployments$/, 2);
    fake.failServerError(/\/pulls$/, 1, 503);
    const deployments = () =>
      fetch(`${fake.url}/repos/acme/web/deployments`, {
        headers: { authorization: "token test-token" },
      });
    const statuses = [
      (await deployments()).status,
      (await getRepo()).status,
      (await deployments()).status,
    ];
    expect(statuses).toEqual([502, 200, 502]);
    expect(await (await deployments()).json()).toBeInstanceOf(Array);
    const pulls = await fetch(`${fake.url}/repos/acme/web/pulls`, {
      headers: { authorization: "token test-token" },
    });
    expect([pulls.status, (await pulls.json()).message]).toEqual([503, "Service Unavailable"]);
    expect(fake.quotaUsed()).toBe(2);
  });
});

describe("rate limit accounting", () => {
  it("serves /rate_limit for free with counters matching the headers", async () => {
    await getRepo();
    const { data, headers } = await client(fake).request("GET /rate_limit");
    expect(data.resources.core.used + data.resources.core.remaining).toBe(5000);
    expect(String(data.resources.core.remaining)).toBe(headers["x-ratelimit-remaining"]);
    expect(data.rate).toEqual(data.resources.core);
    const again = await client(fake).request("GET /rate_limit");
    expect(again.data.resources.core.used).toBe(data.resources.core.used);
  });

  it("refuses requests once the configured primary limit is spent", async () => {
    const tight = await startFakeGitHub({ org: smallOrg(), rateLimit: 2 });
    try {
      const octokit = client(tight);
      const get = () =>
        octokit.request("GET /repos/acme/web").catch((error: RequestError) => error);
      await get();
      await get();
      const refused = (await get()) as RequestError;
      expect(refused.status).toBe(403);
      expect(refused.response?.headers["x-ratelimit-remaining"]).toBe("0");
      expect(tight.requests.map((entry) => entry.quota)).toEqual([1, 1, 0]);
    } finally {
      await tight.close();
    }
  });
});

describe("GitHub Enterprise Server layout", () => {
  it("serves REST under the path prefix and GraphQL at /api/graphql", async () => {
    const ghes = await startFakeGitHub({ org: smallOrg(), pathPrefix: "/api/v3", token: "ghes" });
    try {
      expect(ghes.url).toMatch(/\/api\/v3$/);
      const octokit = client(ghes, "ghes");
      const pulls = await octokit.paginate("GET /repos/{owner}/{repo}/pulls", {
        owner: "acme",
        repo: "web",
        state: "all",
        per_page: 2,
      });
      expect(pulls).toHaveLength(3);
      const data = await octokit.graphql<{ repository: { nameWithOwner: string } }>(
        `{ repository(owner: "acme", name: "web") { nameWithOwner } }`,
      );
      expect(data.repository.nameWithOwner).toBe("acme/web");
      expect(ghes.requests.map((entry) => [entry.path, entry.graphql])).toContainEqual([
        "/graphql",
        true,
      ]);
      const outside = await fetch(ghes.url.replace("/api/v3", "/repos/acme/web"), {
        headers: { authorization: "token ghes" },
      });
      expect(outside.status).toBe(404);
    } finally {
      await ghes.close();
    }
  });
});
