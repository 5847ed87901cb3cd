import type { CheckResult } from "../../../domain/records.ts";
import type { GqlCommitChecks } from "../graphql-types.ts";
import { optionalInstant } from "./time.ts";

// Check runs and commit statuses of a deployed commit, as the compliance evidence the
// required_checks control reads. Conclusions are lower-cased to the REST vocabulary
// (success, failure, cancelled, …); runs not completed and pending statuses are no result.

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
    const createdAt = optionalInstant(context.createdAt);
    if (context.state === "PENDING" || context.state === "EXPECTED" || createdAt === undefined)
      continue;
    results.push({
      commitSha: sha,
      name: context.context,
      conclusion: context.state.toLowerCase(),
      completedAt: createdAt,
      service,
      ...(context.targetUrl && { url: context.targetUrl }),
    });
  }
  return results;
}
