// Shared GraphQL plumbing: the per-request context, GitHub's connection bounds, and the
// small value mappings (actors, enum casing) every object needs.
import { GraphQLError, type GraphQLResolveInfo } from "graphql";
import { CommitIndex } from "./commits.ts";
import type { FakeRepo } from "./model.ts";

export interface GraphContext {
  indexes: Map<FakeRepo, CommitIndex>;
}

export type First = { first: number };
export type Info = GraphQLResolveInfo;

export function notFoundError(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { type: "NOT_FOUND" } });
}

/** GitHub bounds `first` to 1..100 per connection and rejects the query otherwise. */
export function connection<T, R>(
  items: readonly T[],
  first: number,
  info: Info,
  map: (item: T) => R,
) {
  if (first > 100) {
    throw new GraphQLError(
      `Requesting ${first} records on the \`${info.fieldName}\` connection exceeds the \`first\` limit of 100 records.`,
      { extensions: { type: "EXCESSIVE_PAGINATION" } },
    );
  }
  if (first < 1) {
    throw new GraphQLError(
      `\`first\` on the \`${info.fieldName}\` connection must be between 1 and 100.`,
      { extensions: { type: "EXCESSIVE_PAGINATION" } },
    );
  }
  return { totalCount: items.length, nodes: items.slice(0, first).map(map) };
}

export const actor = (login: string | undefined) =>
  login === undefined ? null : { __typename: "User", login };
export const upper = (value: string | null | undefined) =>
  value == null ? null : value.toUpperCase();

export function indexFor(context: GraphContext, repo: FakeRepo): CommitIndex {
  let index = context.indexes.get(repo);
  if (index === undefined) {
    index = new CommitIndex(repo);
    context.indexes.set(repo, index);
  }
  return index;
}
