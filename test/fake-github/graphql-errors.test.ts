import { GraphqlResponseError } from "@octokit/graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeGitHub, startFakeGitHub } from "../support/fake-github/index.ts";
import { client, smallOrg } from "./small-org.ts";

let fake: FakeGitHub;
beforeAll(async () => {
  fake = await startFakeGitHub({ org: smallOrg() });
});
afterAll(() => fake.close());

const run = (query: string) =>
  client(fake)
    .graphql(query)
    .then(
      () => {
        throw new Error("expected a GraphQL error");
      },
      (error: unknown) => {
        expect(error).toBeInstanceOf(GraphqlResponseError);
        return error as GraphqlResponseError<unknown>;
      },
    );

describe("GraphQL errors", () => {
  it("reports NOT_FOUND at the top of each error, with partial data", async () => {
    const missing = await run(
      `{ repository(owner: "acme", name: "nope") { id } nodes(ids: ["DE_999"]) { id } }`,
    );
    const { errors = [], data } = missing;
    expect(data).toEqual({ repository: null, nodes: [null] });
    expect(errors.map((error) => error.type)).toEqual(["NOT_FOUND", "NOT_FOUND"]);
    expect(errors[0]?.message).toBe("Could not resolve to a Repository with the name 'acme/nope'.");
  });

  it("refuses connections wider than 100 (or below 1) without data", async () => {
    const pull = (first: number) =>
      `{ repository(owner: "acme", name: "web") { pullRequest(number: 1) { files(first: ${first}) { totalCount } } } }`;
    const wide = await run(pull(101));
    expect(wide.errors?.[0]?.message).toBe(
      "Requesting 101 records on the `files` connection exceeds the `first` limit of 100 records.",
    );
    expect(wide.data).toBeUndefined();
    expect((await run(pull(0))).errors?.[0]?.message).toMatch(/between 1 and 100/);
  });

  it("rejects invalid queries with graphql-js messages and no data", async () => {
    const invalid = await run(`{ repository(owner: "acme", name: "web") { stars } }`);
    expect(invalid.errors?.[0]?.message).toMatch(/Cannot query field "stars"/);
    expect(invalid.data).toBeUndefined();
    expect(fake.requests.at(-1)).toMatchObject({ status: 200, graphql: true, quota: 1 });
  });
});
