// GraphQL Commit and Deployment objects: commits expose their PRs, check suites (one per
// app) and combined status contexts; deployments their statuses, newest first.
import {
  actor,
  connection,
  type First,
  type GraphContext,
  type Info,
  indexFor,
  upper,
} from "./graphql-connection.ts";
import { pullNode } from "./graphql-pull.ts";
import type { FakeCommit, FakeDeployment, FakeRepo } from "./model.ts";
import { appName, appSlug, checkRunId } from "./rest-checks.ts";
import { deploymentNodeId, statusesNewestFirst } from "./rest-deployments.ts";
import { latestPerContext } from "./rest-statuses.ts";
import { gitIdentity, htmlBase } from "./shapes-git.ts";
import { byTime, headline } from "./util.ts";

export function commitNode(repo: FakeRepo, commit: FakeCommit) {
  return {
    __typename: "Commit",
    id: `C_${commit.sha}`,
    oid: commit.sha,
    message: commit.message,
    messageHeadline: headline(commit.message),
    authoredDate: commit.authoredAt,
    committedDate: commit.committedAt,
    author: { ...gitIdentity(commit.author), date: commit.authoredAt, user: actor(commit.author) },
    associatedPullRequests: ({ first }: First, context: GraphContext, info: Info) =>
      connection(indexFor(context, repo).pullsFor(commit.sha), first, info, (pull) =>
        pullNode(repo, pull),
      ),
    checkSuites: ({ first }: First, _: unknown, info: Info) => {
      const runs = byTime(
        repo.checkRuns.filter((run) => run.sha === commit.sha),
        (run) => run.startedAt,
        "asc",
      );
      const slugs = [...new Set(runs.map(appSlug))];
      return connection(slugs, first, info, (slug) => ({
        app: { slug, name: appName(slug) },
        checkRuns: (args: First, __: unknown, inner: Info) =>
          connection(
            runs.filter((run) => appSlug(run) === slug),
            args.first,
            inner,
            (run) => ({
              name: run.name,
              status: upper(run.status),
              conclusion: upper(run.conclusion),
              startedAt: run.startedAt,
              completedAt: run.completedAt ?? null,
              detailsUrl: `${htmlBase(repo)}/runs/${checkRunId(repo, run)}`,
            }),
          ),
      }));
    },
    status: () => {
      const latest = latestPerContext(repo.statuses.filter((status) => status.sha === commit.sha));
      if (latest.length === 0) return null;
      return {
        contexts: latest.map((status) => ({
          context: status.context,
          state: upper(status.state),
          createdAt: status.createdAt,
          targetUrl: status.targetUrl ?? null,
        })),
      };
    },
  };
}

export function deploymentNode(deployment: FakeDeployment) {
  return {
    __typename: "Deployment",
    id: deploymentNodeId(deployment),
    databaseId: deployment.id,
    environment: deployment.environment,
    commitOid: deployment.sha,
    createdAt: deployment.createdAt,
    creator: actor(deployment.creator),
    statuses: ({ first }: First, _: unknown, info: Info) =>
      connection(statusesNewestFirst(deployment), first, info, (status) => ({
        state: upper(status.state),
        createdAt: status.createdAt,
        description: "",
        logUrl: status.logUrl ?? null,
        environmentUrl: null,
        creator: actor(status.creator ?? deployment.creator),
      })),
  };
}
