import type { GqlDeploymentStatuses } from "../graphql-types.ts";
import {
  type DeploymentOutcome,
  deploymentOutcome,
  payloadService,
  type RestDeployment,
} from "../normalize/deployments.ts";
import { chunks, DEPLOYMENT_STATUSES_QUERY } from "../queries.ts";
import { approvalsOfRun } from "./approvals.ts";
import type { RepoSync } from "./context.ts";
import { createdSince } from "./created-since.ts";

// Deployments API: list newest first down to the last one seen, then read the statuses
// of the new and still-pending ones in GraphQL batches instead of one call each.

const PENDING_EXPIRY_MS = 2 * 86_400_000;

function serviceOf(sync: RepoSync, d: RestDeployment): string | undefined {
  const services = sync.target.services.filter((s) => s.environments);
  if (sync.target.services.length === 1) return services[0]?.service;
  const named = payloadService(d.payload);
  return services.find((s) => s.service === named)?.service;
}

async function listNew(sync: RepoSync): Promise<RestDeployment[]> {
  const route = "GET /repos/{owner}/{repo}/deployments";
  const { items, through } = await createdSince<RestDeployment>(
    sync,
    route,
    sync.cursor.deploymentsThrough,
  );
  if (through !== undefined) sync.cursor.deploymentsThrough = through;
  return items;
}

async function statusesOf(sync: RepoSync, nodeIds: string[]) {
  const byId = new Map<string, GqlDeploymentStatuses>();
  for (const ids of chunks(nodeIds, 50)) {
    const data = await sync.octokit.graphql<{ nodes: (GqlDeploymentStatuses | null)[] }>(
      DEPLOYMENT_STATUSES_QUERY,
      { ids },
    );
    for (const node of data.nodes) if (node) byId.set(node.id, node);
  }
  return byId;
}

export async function syncDeployments(sync: RepoSync): Promise<void> {
  if (!sync.target.services.some((s) => s.environments)) return;
  const candidates = new Map<number, RestDeployment>();
  for (const d of [...sync.cursor.pendingDeployments, ...(await listNew(sync))])
    candidates.set(d.id, d);
  const owned = [...candidates.values()].flatMap((d) => {
    const service = serviceOf(sync, d);
    return service ? [{ d, service }] : [];
  });
  const statuses = await statusesOf(
    sync,
    owned.map(({ d }) => d.node_id),
  );
  sync.cursor.pendingDeployments = [];
  for (const { d, service } of owned) {
    const outcome: DeploymentOutcome = deploymentOutcome(
      sync.target,
      service,
      d,
      statuses.get(d.node_id),
    );
    if (outcome.state === "pending") {
      if (sync.now - Date.parse(d.created_at) < PENDING_EXPIRY_MS)
        sync.cursor.pendingDeployments.push(d);
      continue;
    }
    const deployment = outcome.deployment;
    if (outcome.state === "live" && outcome.runId && sync.production.test(deployment.environment))
      deployment.approvals = await approvalsOfRun(sync, outcome.runId, deployment);
    sync.deployments.push(deployment);
  }
}
