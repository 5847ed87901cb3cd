import type { CheckResult } from "../../../domain/records.ts";
import type { GqlCommitChecks } from "../graphql-types.ts";
import { optionalInstant } from "./time.ts";

// Check runs and commit statuses of a deployed commit, as the compliance evidence the
// required_checks control reads. Conclusions are lower-cased to the REST vocabulary
// (success, failure, cancelled, …); runs not completed and pending statuses are no result.
// A commit status is a history: each state a context was set to is a result at the time
// it was set, so a status turning red after a deployment went live leaves the green one
// that was there at go-live (the compliance rule reads the latest one by finishedAt).

/** One commit status as the REST list and the `status` webhook give it. */
export interface RestCommitStatus {
  context: string;
  state: string;
  created_at: string;
  target_url?: string | null;
}

/** The result one commit status stands for, or undefined while it is pending. */
export function checkOfStatus(
  sha: string,
  status: RestCommitStatus,
  service: string,
): CheckResult | undefined {
  const state = status.state.toLowerCase();
  const completedAt = optionalInstant(status.created_at);
  if (state === "pending" || state === "expected" || completedAt === undefined) return undefined;
  return {
    commitSha: sha.toLowerCase(),
    name: status.context,
    conclusion: state,
    completedAt,
    service,
    ...(status.target_url && { url: status.target_url }),
  };
}

export function checksOfCommit(commit: GqlCommitChecks, service: string): CheckResult[] {
  const sha = commit.oid.toLowerCase();
  const results: CheckResult[] = [];
  for (const suite of commit.checkSuites?.nodes ?? [])
    for (const run of suite.checkRuns?.nodes ?? []) {
      const completedAt = optionalInstant(run.completedAt);
      if (run.status !== "COMPLETED" || !run.conclusion || completedAt === undefined) continue;
      results.push({
        commitSha: sha,
        name: run.name,
        conclusion: run.conclusion.toLowerCase(),
        completedAt,
        service,
        ...(run.detailsUrl && { url: run.detailsUrl }),
      });
    }
  for (const context of commit.status?.contexts ?? []) {
    const result = checkOfStatus(
      sha,
      {
        context: context.context,
        state: context.state,
        created_at: context.createdAt,
        target_url: context.targetUrl,
      },
      service,
    );
    if (result) results.push(result);
  }
  return results;
}
