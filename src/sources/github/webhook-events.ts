import type { ConfigFile } from "../../config/schema.ts";
import type { Change, CheckResult, Deployment, RecordSet, Severity } from "../../domain/records.ts";
import type { Store } from "../../store/store.ts";
import { vulnerabilityFromWebhook } from "./normalize/alerts.ts";
import type { RestDeployment, RestWorkflowRun } from "./normalize/deployments.ts";
import { deploymentFromRun, deploymentOutcome, payloadService } from "./normalize/deployments.ts";
import { changeFromWebhookPull, type WebhookPull } from "./normalize/webhook-pull.ts";
import { isDeployWorkflow, type RepoTarget, repoTargets } from "./targets.ts";

// GitHub webhook events → records, stored at once so the KPIs move within seconds. What a
// payload lacks (approvals of a deployment, the commits a pull request shipped) is filled
// in by the next poll, which the caller is asked to schedule soon (`reconcile`).

export type WebhookOutcome =
  | { status: "stored"; records: number }
  | { status: "ignored"; reason: string };

type Payload = Record<string, unknown> & {
  repository?: { full_name?: string; default_branch?: string };
};

export interface GithubWebhookDeps {
  config: ConfigFile;
  store: Store;
  reconcile?: () => void;
}

export function githubWebhookHandler(deps: GithubWebhookDeps) {
  const targets = new Map(repoTargets(deps.config).map((t) => [t.repository.toLowerCase(), t]));
  const secretSeverity = (deps.config.sources.github?.secret_scanning_severity ??
    "critical") as Severity;
  return async (event: string, body: unknown): Promise<WebhookOutcome> => {
    const payload = (body ?? {}) as Payload;
    const name = payload.repository?.full_name ?? "";
    const target = targets.get(name.toLowerCase());
    if (!target)
      return {
        status: "ignored",
        reason: `repository ${name || "(none)"} is not in the catalogue`,
      };
    const records = recordsOf(event, payload, target, secretSeverity);
    if (typeof records === "string") return { status: "ignored", reason: records };
    const counts = await deps.store.upsert(records);
    deps.reconcile?.();
    return {
      status: "stored",
      records: Object.values(counts).reduce((n, c) => n + c.written + c.unchanged, 0),
    };
  };
}

function deployBranch(target: RepoTarget, payload: Payload): string | undefined {
  return (
    target.services.find((s) => s.deployBranch)?.deployBranch ?? payload.repository?.default_branch
  );
}

function recordsOf(
  event: string,
  payload: Payload,
  target: RepoTarget,
  secretScanningSeverity: Severity,
): Partial<RecordSet> | string {
  const action = payload.action as string | undefined;
  switch (event) {
    case "deployment_status": {
      const rest = payload.deployment as RestDeployment;
      const status = payload.deployment_status as {
        state: string;
        created_at: string;
        log_url?: string;
        target_url?: string;
      };
      const owner =
        target.services.length === 1
          ? target.services[0]
          : target.services.find((s) => s.service === payloadService(rest.payload));
      if (!owner?.environments) return "deployment of no catalogue service of this repository";
      const outcome = deploymentOutcome(target, owner.service, rest, {
        id: rest.node_id,
        databaseId: rest.id,
        statuses: {
          nodes: [
            {
              state: status.state.toUpperCase(),
              createdAt: status.created_at,
              logUrl: status.log_url ?? status.target_url ?? null,
              environmentUrl: null,
              creator: null,
            },
          ],
        },
      });
      if (outcome.state === "pending") return `deployment status ${status.state} is not final`;
      return { deployments: [outcome.deployment] };
    }
    case "workflow_run": {
      const run = payload.workflow_run as RestWorkflowRun;
      if (action !== "completed") return `workflow_run ${action} is not completed`;
      if (run.head_branch !== deployBranch(target, payload)) return "run not on the deploy branch";
      const deployments: Deployment[] = target.services
        .filter((s) => isDeployWorkflow(s, run))
        .map((s) => deploymentFromRun(target, s.service, run));
      return deployments.length ? { deployments } : "not a deploy workflow of the catalogue";
    }
    case "pull_request": {
      const pull = payload.pull_request as WebhookPull;
      if (action !== "closed" || !pull.merged) return "pull request not merged";
      if (pull.base.ref !== deployBranch(target, payload))
        return "merged into another branch than the deploy branch";
      const changes: Change[] = changeFromWebhookPull(target, pull);
      return changes.length ? { changes } : "pull request touches no catalogue service's paths";
    }
    case "pull_request_review":
      // Approvals are read with the merged pull request; the poll picks this one up.
      return "reviews are collected with the merged pull request by the next poll";
    case "check_run": {
      const run = payload.check_run as {
        head_sha: string;
        name: string;
        status: string;
        conclusion: string | null;
        completed_at: string | null;
        html_url?: string;
      };
      if (run.status !== "completed" || !run.conclusion || !run.completed_at)
        return "check run not completed";
      const checks: CheckResult[] = target.services.map((s) => ({
        commitSha: run.head_sha.toLowerCase(),
        name: run.name,
        conclusion: run.conclusion as string,
        completedAt: Date.parse(run.completed_at as string),
        service: s.service,
        ...(run.html_url && { url: run.html_url }),
      }));
      return { checks };
    }
    case "dependabot_alert":
    case "code_scanning_alert":
    case "secret_scanning_alert": {
      const ctx = {
        repository: target.repository,
        service: (target.services[0] as { service: string }).service,
        secretScanningSeverity,
      };
      const v = vulnerabilityFromWebhook(event, payload, ctx);
      return v ? { vulnerabilities: [v] } : `${event} carries no finding to record`;
    }
    default:
      return `event ${event} is not used`;
  }
}
