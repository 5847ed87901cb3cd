import type { Change, CheckResult, Deployment, RecordSet, Severity } from "../../domain/records.ts";
import { vulnerabilityFromWebhook } from "./normalize/alerts.ts";
import { checkOfStatus, type RestCommitStatus } from "./normalize/checks.ts";
import type { RestDeployment, RestWorkflowRun } from "./normalize/deployments.ts";
import { deploymentFromRun, deploymentOutcome, payloadService } from "./normalize/deployments.ts";
import { changeFromWebhookPull, type WebhookPull } from "./normalize/webhook-pull.ts";
import { isDeployWorkflow, type RepoTarget } from "./targets.ts";

// One webhook payload → the records it stands for, or why it stands for none (a string),
// or a request to let the poll read it (`reconcile`).

export type WebhookPayload = Record<string, unknown> & {
  repository?: { full_name?: string; default_branch?: string };
};

function deployBranch(target: RepoTarget, payload: WebhookPayload): string | undefined {
  return (
    target.services.find((s) => s.deployBranch)?.deployBranch ?? payload.repository?.default_branch
  );
}

export function recordsOf(
  event: string,
  payload: WebhookPayload,
  target: RepoTarget,
  alerts: { secretScanningSeverity: Severity; observedAt: number },
): Partial<RecordSet> | string | { reconcile: string } {
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
      if (action !== "completed" || !run.conclusion)
        return `workflow_run ${action} is not completed`;
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
      // A review payload holds one review, but a change records all approvals, so the
      // poll (which reads them all with the pull request) applies it.
      if (action !== "submitted" && action !== "dismissed") return `review ${action} is not used`;
      return { reconcile: "approvals are read with the pull request by the poll nudged now" };
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
    case "status": {
      // Every state a commit status is set to arrives as its own event and is kept.
      const status = payload as WebhookPayload & RestCommitStatus & { sha: string };
      const checks = target.services.flatMap((s) => {
        const check = checkOfStatus(status.sha, status, s.service);
        return check ? [check] : [];
      });
      return checks.length ? { checks } : `commit status ${status.state} is not a result`;
    }
    case "dependabot_alert":
    case "code_scanning_alert":
    case "secret_scanning_alert": {
      const ctx = {
        repository: target.repository,
        service: (target.services[0] as { service: string }).service,
        ...alerts,
      };
      const v = vulnerabilityFromWebhook(event, payload, ctx);
      return v ? { vulnerabilities: [v] } : `${event} carries no finding to record`;
    }
    default:
      return `event ${event} is not used`;
  }
}
