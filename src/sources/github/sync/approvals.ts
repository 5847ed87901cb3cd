import type { Approval, Deployment } from "../../../domain/records.ts";
import { type RepoSync, repoParams, withContext } from "./context.ts";

// Environment protection reviews of the Actions run that performed a deployment. GitHub
// does not say when a reviewer approved; the review gates the job, so it happened before
// the deployment started, and its start is recorded as the approval time.

interface RunApproval {
  state: string;
  user?: { login: string } | null;
}

export async function approvalsOfRun(
  sync: RepoSync,
  runId: number,
  deployment: Deployment,
): Promise<Approval[]> {
  try {
    const response = await sync.octokit.request(
      "GET /repos/{owner}/{repo}/actions/runs/{run_id}/approvals",
      { ...repoParams(sync), run_id: runId },
    );
    const at = deployment.startedAt ?? deployment.finishedAt;
    return (response.data as unknown as RunApproval[])
      .filter((a) => a.state === "approved" && a.user)
      .map((a) => ({ by: (a.user as { login: string }).login, at }));
  } catch (error) {
    throw withContext(`approvals of ${sync.target.repository} run ${runId}`, error);
  }
}
