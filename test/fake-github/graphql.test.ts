import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeGitHub, startFakeGitHub } from "../support/fake-github/index.ts";
import { client, sha, smallOrg } from "./small-org.ts";

// biome-ignore lint/suspicious/noExplicitAny: the assertions pin the shape; typing each alias adds nothing.
type Data = Record<string, any>;

let fake: FakeGitHub;
beforeAll(async () => {
  fake = await startFakeGitHub({ org: smallOrg() });
});
afterAll(() => fake.close());

const QUERY = /* GraphQL */ `
  query ($owner: String!, $name: String!, $sha: String!, $ids: [ID!]!) {
    repo: repository(owner: $owner, name: $name) {
      first: pullRequest(number: 1) {
        number merged mergedAt baseRefName body
        author { login }
        labels(first: 10) { nodes { name } }
        commits(first: 10) { totalCount nodes { commit { oid authoredDate } } }
        approvals: reviews(first: 10, states: [APPROVED]) { totalCount nodes { author { login } state } }
        allReviews: reviews(first: 1) { totalCount nodes { state } }
        closingIssuesReferences(first: 5) { nodes { number url } }
        files(first: 10) { nodes { path } }
        mergeCommit { oid messageHeadline associatedPullRequests(first: 5) { nodes { number } } }
      }
      deployed: object(oid: $sha) {
        ... on Commit {
          oid
          author { user { login } }
          checkSuites(first: 10) { totalCount nodes { app { slug name } checkRuns(first: 10) { nodes { name status conclusion } } } }
          status { contexts { context state } }
        }
      }
      tip: object(expression: "main") { oid status { contexts { state } } }
    }
    deployments: nodes(ids: $ids) {
      __typename
      ... on Deployment { databaseId environment commitOid statuses(first: 5) { nodes { state creator { login } } } }
    }
    rateLimit { cost remaining used }
  }
`;

describe("GraphQL", () => {
  it("answers aliased pullRequest, object and nodes queries from the model", async () => {
    fake.resetLog();
    const variables = { owner: "acme", name: "web", sha: sha("c4"), ids: ["DE_102", "DE_101"] };
    const data = await client(fake).graphql<Data>(QUERY, variables);
    const pull = data.repo.first;
    expect(pull).toMatchObject({
      number: 1,
      merged: true,
      baseRefName: "main",
      body: "",
      author: { login: "bob" },
    });
    expect(pull.labels.nodes).toEqual([{ name: "feature" }]);
    expect(pull.commits.nodes.map((node: Data) => node.commit.oid)).toEqual([
      sha("p1a"),
      sha("p1b"),
    ]);
    expect(pull.approvals).toEqual({
      totalCount: 1,
      nodes: [{ author: { login: "erin" }, state: "APPROVED" }],
    });
    expect(pull.allReviews).toEqual({ totalCount: 2, nodes: [{ state: "CHANGES_REQUESTED" }] });
    expect(pull.closingIssuesReferences.nodes).toEqual([
      { number: 7, url: "https://github.com/acme/web/issues/7" },
    ]);
    expect(pull.mergeCommit).toEqual({
      oid: sha("c2"),
      messageHeadline: "c2",
      associatedPullRequests: { nodes: [{ number: 1 }] },
    });

    const commit = data.repo.deployed;
    expect(commit.author.user.login).toBe("alice");
    expect(commit.checkSuites.totalCount).toBe(2);
    const actions = commit.checkSuites.nodes.find(
      (suite: Data) => suite.app.slug === "github-actions",
    );
    expect(actions.app.name).toBe("GitHub Actions");
    expect(actions.checkRuns.nodes.map((run: Data) => `${run.name}:${run.conclusion}`)).toEqual([
      "build:FAILURE",
      "build:SUCCESS",
      "test:SUCCESS",
    ]);
    expect(commit.status.contexts).toEqual([
      { context: "ci/lint", state: "SUCCESS" },
      { context: "ci/legacy", state: "SUCCESS" },
    ]);
    expect(data.repo.tip).toEqual({ oid: sha("c5"), status: null });

    expect(data.deployments).toEqual([
      {
        __typename: "Deployment",
        databaseId: 102,
        environment: "production",
        commitOid: sha("c4"),
        statuses: { nodes: [{ state: "FAILURE", creator: { login: "robot" } }] },
      },
      {
        ...{
          __typename: "Deployment",
          databaseId: 101,
          environment: "production",
          commitOid: sha("c2"),
        },
        statuses: {
          nodes: [
            { state: "SUCCESS", creator: { login: "deployer" } },
            { state: "PENDING", creator: { login: "deployer" } },
          ],
        },
      },
    ]);
    expect(data.rateLimit).toMatchObject({ cost: 1, used: 1, remaining: 4999 });
    expect(fake.requests).toMatchObject([
      { method: "POST", path: "/graphql", graphql: true, quota: 1 },
    ]);
  });

  it("finds PRs by their branch commits and resolves PR node ids", async () => {
    const data = await client(fake).graphql<Data>(
      `query ($sha: String!) { repository(owner: "acme", name: "web") { object(oid: $sha) { associatedPullRequests(first: 5) { nodes { id number } } } } }`,
      { sha: sha("p3a") },
    );
    const [pull] = data.repository.object.associatedPullRequests.nodes;
    expect(pull.number).toBe(3);
    const resolved = await client(fake).graphql<Data>(
      `query ($ids: [ID!]!) { nodes(ids: $ids) { id ... on PullRequest { title } } }`,
      { ids: [pull.id] },
    );
    expect(resolved.nodes).toEqual([{ id: pull.id, title: "WIP" }]);
  });
});
