// GraphQL PullRequest objects. graphql-js's default resolver reads properties and calls
// functions with (args, context, info), so argument-taking fields are functions here.
import { commitNode } from "./graphql-commit.ts";
import {
  actor,
  connection,
  type First,
  type GraphContext,
  type Info,
  indexFor,
} from "./graphql-connection.ts";
import type { FakePull, FakeRepo } from "./model.ts";
import { htmlBase, pullNodeId } from "./shapes-git.ts";
import { byTime } from "./util.ts";

export function pullNode(repo: FakeRepo, pull: FakePull) {
  return {
    __typename: "PullRequest",
    id: pullNodeId(repo, pull.number),
    number: pull.number,
    title: pull.title,
    body: pull.body ?? "",
    url: `${htmlBase(repo)}/pull/${pull.number}`,
    createdAt: pull.createdAt,
    updatedAt: pull.updatedAt,
    mergedAt: pull.mergedAt ?? null,
    merged: pull.mergedAt !== undefined,
    baseRefName: pull.base,
    author: actor(pull.author),
    mergeCommit: (_: unknown, context: GraphContext) => {
      const sha = pull.mergeCommitSha;
      if (sha === undefined) return null;
      // A merge commit missing from the model is synthesised from the PR itself.
      const commit = indexFor(context, repo).commits.get(sha) ?? {
        sha,
        message: pull.title,
        authoredAt: pull.mergedAt ?? pull.updatedAt,
        committedAt: pull.mergedAt ?? pull.updatedAt,
        author: pull.author,
      };
      return commitNode(repo, commit);
    },
    labels: ({ first }: First, _: unknown, info: Info) =>
      connection(pull.labels, first, info, (name) => ({ name })),
    commits: ({ first }: First, _: unknown, info: Info) =>
      connection(pull.commits, first, info, (commit) => ({ commit: commitNode(repo, commit) })),
    reviews: (args: First & { states?: string[] | null }, _: unknown, info: Info) => {
      const states = args.states ?? null;
      const wanted = pull.reviews.filter(
        (review) => states === null || states.includes(review.state),
      );
      return connection(
        byTime(wanted, (r) => r.submittedAt, "asc"),
        args.first,
        info,
        (r) => ({
          author: actor(r.author),
          state: r.state,
          submittedAt: r.submittedAt,
        }),
      );
    },
    closingIssuesReferences: ({ first }: First, _: unknown, info: Info) =>
      connection(pull.closingIssues, first, info, (issue) => ({
        ...issue,
        url: issue.url ?? `${htmlBase(repo)}/issues/${issue.number}`,
      })),
    files: ({ first }: First, _: unknown, info: Info) =>
      connection(pull.files, first, info, (path) => ({ path })),
  };
}
