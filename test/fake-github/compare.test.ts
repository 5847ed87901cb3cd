import type { RequestError } from "@octokit/request-error";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { syntheticGitHubOrg } from "../../bench/github-org.ts";
import { type FakeGitHub, startFakeGitHub } from "../support/fake-github/index.ts";
import { client, sha, smallOrg } from "./small-org.ts";

// acme/web from the small org, plus a synthetic acme/long with 300 merged PRs (301 commits).
let fake: FakeGitHub;
const org = smallOrg();
const long = syntheticGitHubOrg({ repos: 1, pulls: 300, deployments: 1, checkRuns: 0 }).repos[0];
if (long === undefined) throw new Error("no repository generated");
Object.assign(long, { owner: "acme", name: "long" });
org.repos.push(long);

beforeAll(async () => {
  fake = await startFakeGitHub({ org });
});
afterAll(() => fake.close());

const compare = (
  repo: string,
  basehead: string,
  paging: { per_page?: number; page?: number } = {},
) =>
  client(fake).request("GET /repos/{owner}/{repo}/compare/{basehead}", {
    owner: "acme",
    repo,
    basehead,
    ...paging,
  });

describe("compare", () => {
  it("lists the commits after base up to head, oldest first", async () => {
    const { data } = await compare("web", `${sha("c1")}...${sha("c4")}`);
    expect([data.status, data.ahead_by, data.behind_by, data.total_commits]).toEqual([
      "ahead",
      3,
      0,
      3,
    ]);
    expect(data.commits.map((commit) => commit.sha)).toEqual([sha("c2"), sha("c3"), sha("c4")]);
    expect(data.merge_base_commit.sha).toBe(sha("c1"));
    expect(data.base_commit.sha).toBe(sha("c1"));
    expect(data.commits[0]).toMatchObject({
      author: { login: "alice" },
      parents: [{ sha: sha("c1") }],
      commit: { message: "c2\n\nBody of c2", author: { date: "2026-03-03T12:00:00Z" } },
    });
    // Files come from the PRs merged in range: #1 (as c2) and #2 (as c4).
    expect(data.files?.map((file) => file.filename).sort()).toEqual([
      "README.md",
      "docs/setup.md",
      "src/login.ts",
    ]);
  });

  it("reports behind, identical and diverged like GitHub", async () => {
    expect((await compare("web", `${sha("c4")}...${sha("c1")}`)).data).toMatchObject({
      status: "behind",
      behind_by: 3,
      ahead_by: 0,
      commits: [],
    });
    expect((await compare("web", `${sha("c2")}...${sha("c2")}`)).data.status).toBe("identical");
    const diverged = (await compare("web", `main...${sha("p3b")}`)).data;
    expect(diverged).toMatchObject({
      status: "diverged",
      ahead_by: 2,
      behind_by: 2,
      merge_base_commit: { sha: sha("c3") },
    });
  });

  it("answers 404 for unknown commits", async () => {
    const error = (await compare("web", `${sha("c1")}...${sha("nope")}`).catch(
      (e: RequestError) => e,
    )) as RequestError;
    expect(error.status).toBe(404);
  });

  it("returns the newest 250 commits when unpaged", async () => {
    const first = long.commits[0]?.sha ?? "";
    const { data } = await compare("long", `${first}...main`);
    expect(data.total_commits).toBe(300);
    expect(data.commits).toHaveLength(250);
    expect(data.commits.at(-1)?.sha).toBe(long.commits.at(-1)?.sha);
  });

  it("pages commits oldest first with per_page/page, files on the first page only", async () => {
    const first = long.commits[0]?.sha ?? "";
    fake.resetLog();
    const pages = [];
    for await (const page of client(fake).paginate.iterator(
      "GET /repos/{owner}/{repo}/compare/{basehead}",
      {
        owner: "acme",
        repo: "long",
        basehead: `${first}...main`,
        per_page: 100,
      },
    )) {
      pages.push(page);
    }
    expect(fake.requests).toHaveLength(3);
    const data = pages.map(
      (page) => page.data as unknown as { commits: { sha: string }[]; files: unknown[] },
    );
    expect(data.flatMap((page) => page.commits.map((commit) => commit.sha))).toEqual(
      long.commits.slice(1).map((commit) => commit.sha),
    );
    expect(data[0]?.files.length).toBeGreaterThan(0);
    expect(data[1]?.files).toEqual([]);
    expect(pages[0]?.headers.link).toContain('rel="next"');
  });
});
