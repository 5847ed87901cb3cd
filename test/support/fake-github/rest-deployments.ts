// Deployments and their statuses. Lists are newest first (created_at, then id), the order
// GitHub uses; `updated_at` follows the latest status so incremental syncs can see it.
import type { Json } from "./fixtures.ts";
import type { FakeDeployment, FakeDeploymentStatus, FakeRepo } from "./model.ts";
import { paginate } from "./paging.ts";
import { type Ctx, fullName, listReply, type Router, repoOf } from "./router.ts";
import { byTime, notFound, numericId } from "./util.ts";

export const deploymentNodeId = (deployment: FakeDeployment): string => `DE_${deployment.id}`;

export const statusId = (deployment: FakeDeployment, index: number): number =>
  deployment.statuses[index]?.id ?? numericId(`deployment-status:${deployment.id}:${index}`);

/** Statuses newest first, as both REST and GraphQL list them. */
export function statusesNewestFirst(deployment: FakeDeployment): FakeDeploymentStatus[] {
  return byTime(deployment.statuses, (status) => status.createdAt, "desc");
}

export const isProduction = (environment: string): boolean => /^prod/i.test(environment);

function deploymentJson(ctx: Ctx, repo: FakeRepo, deployment: FakeDeployment): Json {
  const name = fullName(repo);
  const url = `${ctx.apiBase}/repos/${name}/deployments/${deployment.id}`;
  const latest = statusesNewestFirst(deployment)[0];
  return Object.assign(ctx.tpl.item("deployments", name), {
    url,
    id: deployment.id,
    node_id: deploymentNodeId(deployment),
    sha: deployment.sha,
    ref: deployment.ref,
    task: deployment.task ?? "deploy",
    payload: {},
    original_environment: deployment.environment,
    environment: deployment.environment,
    description: "",
    creator: ctx.tpl.user(deployment.creator),
    created_at: deployment.createdAt,
    updated_at: latest?.createdAt ?? deployment.createdAt,
    statuses_url: `${url}/statuses`,
    repository_url: `${ctx.apiBase}/repos/${name}`,
    transient_environment: false,
    production_environment: isProduction(deployment.environment),
  });
}

function statusJson(ctx: Ctx, repo: FakeRepo, deployment: FakeDeployment, index: number): Json {
  const status = deployment.statuses[index] as FakeDeploymentStatus;
  const name = fullName(repo);
  const deploymentUrl = `${ctx.apiBase}/repos/${name}/deployments/${deployment.id}`;
  const id = statusId(deployment, index);
  return Object.assign(ctx.tpl.item("deployment-statuses", name), {
    url: `${deploymentUrl}/statuses/${id}`,
    id,
    node_id: `DES_${id}`,
    state: status.state,
    creator: ctx.tpl.user(status.creator ?? deployment.creator),
    description: "",
    environment: deployment.environment,
    target_url: status.targetUrl ?? status.logUrl ?? "",
    log_url: status.logUrl ?? status.targetUrl ?? "",
    environment_url: "",
    created_at: status.createdAt,
    updated_at: status.createdAt,
    deployment_url: deploymentUrl,
    repository_url: `${ctx.apiBase}/repos/${name}`,
  });
}

function deploymentOf(ctx: Ctx, repo: FakeRepo): FakeDeployment {
  const id = Number(ctx.params.id);
  const deployment = repo.deployments.find((candidate) => candidate.id === id);
  if (deployment === undefined) throw notFound();
  return deployment;
}

export function deploymentRoutes(router: Router): void {
  router
    .add("GET", "/repos/:owner/:repo/deployments", (ctx) => {
      const repo = repoOf(ctx);
      const filters: [string, (deployment: FakeDeployment) => string][] = [
        ["environment", (d) => d.environment],
        ["sha", (d) => d.sha],
        ["ref", (d) => d.ref],
        ["task", (d) => d.task ?? "deploy"],
      ];
      const matching = repo.deployments.filter((deployment) =>
        filters.every(([key, value]) => {
          const wanted = ctx.query.get(key);
          return wanted === null || wanted === "" || value(deployment) === wanted;
        }),
      );
      const byId = [...matching].sort((a, b) => a.id - b.id);
      const page = paginate(
        ctx,
        byTime(byId, (deployment) => deployment.createdAt, "desc"),
      );
      return listReply(
        page,
        page.items.map((deployment) => deploymentJson(ctx, repo, deployment)),
      );
    })
    .add("GET", "/repos/:owner/:repo/deployments/:id", (ctx) => {
      const repo = repoOf(ctx);
      return { body: deploymentJson(ctx, repo, deploymentOf(ctx, repo)) };
    })
    .add("GET", "/repos/:owner/:repo/deployments/:id/statuses", (ctx) => {
      const repo = repoOf(ctx);
      const deployment = deploymentOf(ctx, repo);
      const ordered = statusesNewestFirst(deployment).map((status) =>
        deployment.statuses.indexOf(status),
      );
      const page = paginate(ctx, ordered);
      return listReply(
        page,
        page.items.map((index) => statusJson(ctx, repo, deployment, index)),
      );
    });
}
