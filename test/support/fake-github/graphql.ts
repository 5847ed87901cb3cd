// POST /graphql: runs the query with graphql-js against the model and shapes errors the
// way GitHub does (`type` such as NOT_FOUND at the top of each error, HTTP 200).
import { type ExecutionResult, graphqlSync } from "graphql";
import { commitNode, deploymentNode } from "./graphql-commit.ts";
import { type GraphContext, indexFor, notFoundError } from "./graphql-connection.ts";
import { pullNode } from "./graphql-pull.ts";
import { schema } from "./graphql-schema.ts";
import type { FakeOrg, FakeRepo } from "./model.ts";
import { fullName } from "./router.ts";
import { repoNodeId } from "./shapes-git.ts";
import { unbase64url } from "./util.ts";

export interface RateSnapshot {
  limit: number;
  used: number;
  remaining: number;
  reset: number;
}

function repositoryNode(repo: FakeRepo) {
  return {
    __typename: "Repository",
    id: repoNodeId(repo),
    nameWithOwner: fullName(repo),
    pullRequest: ({ number }: { number: number }) => {
      const pull = repo.pulls.find((candidate) => candidate.number === number);
      if (pull === undefined) {
        throw notFoundError(`Could not resolve to a PullRequest with the number of ${number}.`);
      }
      return pullNode(repo, pull);
    },
    object: (args: { oid?: string; expression?: string }, context: GraphContext) => {
      const index = indexFor(context, repo);
      const sha = index.resolve(args.oid ?? args.expression ?? "");
      const commit = sha === undefined ? undefined : index.commits.get(sha);
      return commit === undefined ? null : commitNode(repo, commit);
    },
  };
}

const findRepo = (org: FakeOrg, name: string) =>
  org.repos.find((repo) => fullName(repo).toLowerCase() === name.toLowerCase());

/** Node ids the fake hands out: DE_<deployment id>, PR_<owner/name#n>, R_<owner/name>. */
function resolveNode(org: FakeOrg, id: string): unknown {
  const [, kind, rest = ""] = /^([A-Z]+)_(.+)$/.exec(id) ?? [];
  if (kind === "DE") {
    for (const repo of org.repos) {
      const deployment = repo.deployments.find((candidate) => String(candidate.id) === rest);
      if (deployment !== undefined) return deploymentNode(deployment);
    }
  }
  if (kind === "PR") {
    const [, name = "", number] = /^(.*)#(\d+)$/.exec(unbase64url(rest)) ?? [];
    const repo = findRepo(org, name);
    const pull = repo?.pulls.find((candidate) => candidate.number === Number(number));
    if (repo !== undefined && pull !== undefined) return pullNode(repo, pull);
  }
  if (kind === "R") {
    const repo = findRepo(org, unbase64url(rest));
    if (repo !== undefined) return repositoryNode(repo);
  }
  return notFoundError(`Could not resolve to a node with the global id of '${id}'`);
}

function githubShape(result: ExecutionResult): Record<string, unknown> {
  if (result.errors === undefined) return { data: result.data };
  const errors = result.errors.map((error) => {
    const { type, ...extensions } = error.extensions ?? {};
    return {
      ...(type === undefined ? {} : { type }),
      ...(Object.keys(extensions).length === 0 ? {} : { extensions }),
      path: error.path,
      locations: error.locations,
      message: error.message,
    };
  });
  // GitHub refuses over-wide connections before executing anything.
  if (!("data" in result) || errors.some((error) => error.type === "EXCESSIVE_PAGINATION")) {
    return { errors };
  }
  return { data: result.data ?? null, errors };
}

export function executeGraphql(
  org: FakeOrg,
  body: unknown,
  rate: () => RateSnapshot,
): Record<string, unknown> {
  const request = (body ?? {}) as { query?: unknown; variables?: unknown; operationName?: unknown };
  if (typeof request.query !== "string") {
    return { errors: [{ message: "A query attribute must be specified and must be a string." }] };
  }
  const rootValue = {
    repository: ({ owner, name }: { owner: string; name: string }) => {
      const repo = findRepo(org, `${owner}/${name}`);
      if (repo === undefined) {
        throw notFoundError(`Could not resolve to a Repository with the name '${owner}/${name}'.`);
      }
      return repositoryNode(repo);
    },
    nodes: ({ ids }: { ids: string[] }) => ids.map((id) => resolveNode(org, id)),
    rateLimit: () => {
      const { limit, used, remaining, reset } = rate();
      return { cost: 1, limit, used, remaining, resetAt: new Date(reset * 1000).toISOString() };
    },
  };
  const contextValue: GraphContext = { indexes: new Map() };
  const result = graphqlSync({
    schema,
    source: request.query,
    rootValue,
    contextValue,
    variableValues: (request.variables ?? undefined) as Record<string, unknown> | undefined,
    operationName: typeof request.operationName === "string" ? request.operationName : undefined,
  });
  return githubShape(result);
}
