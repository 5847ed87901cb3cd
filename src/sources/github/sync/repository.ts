import type { BranchPolicy, RecordSet } from "../../../domain/records.ts";
import { syncAlerts } from "./alerts.ts";
import { syncAncestry } from "./ancestry.ts";
import { syncChecks } from "./checks.ts";
import type { RepoSync } from "./context.ts";
import { withContext } from "./context.ts";
import { syncDeployments } from "./deployments.ts";
import { branchPolicies } from "./policy.ts";
import { syncPulls } from "./pulls.ts";
import { syncRuns } from "./runs.ts";

// One repository, every resource, in dependency order: pull requests before ancestry
// (their merge commits explain most compared commits), deployments before checks. Any
// failure names the step and repository and leaves the stored cursor untouched.

const STEPS: [string, (sync: RepoSync) => Promise<void>][] = [
  ["pull requests", syncPulls],
  ["deployments", syncDeployments],
  ["workflow runs", syncRuns],
  ["ancestry", syncAncestry],
  ["checks", syncChecks],
  ["security alerts", syncAlerts],
];

export async function syncRepository(
  sync: RepoSync,
): Promise<{ records: Partial<RecordSet>; policies: BranchPolicy[] }> {
  for (const [what, step] of STEPS) {
    try {
      await step(sync);
    } catch (error) {
      throw withContext(`collect ${what} for ${sync.target.repository}`, error);
    }
  }
  let policies: BranchPolicy[];
  try {
    policies = await branchPolicies(sync);
  } catch (error) {
    throw withContext(`collect branch protection for ${sync.target.repository}`, error);
  }
  return {
    records: {
      deployments: sync.deployments,
      changes: sync.changes,
      checks: sync.checks,
      vulnerabilities: sync.vulnerabilities,
    },
    policies,
  };
}
