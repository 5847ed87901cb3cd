import type { BranchPolicy } from "../../../domain/records.ts";
import { type BranchRule, type ProtectionPayload, requiredChecks } from "../normalize/policy.ts";
import { isUnavailable, type RepoSync, repoParams } from "./context.ts";

// The deploy branch's required status checks, from classic protection and rulesets. An
// unprotected branch answers 404; reading protection needs admin rights, and a token
// without them gets 403: both mean "nothing known", not a failed sync.

async function optional<T>(read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read();
  } catch (error) {
    if (isUnavailable(error)) return undefined;
    throw error;
  }
}

export async function branchPolicies(sync: RepoSync): Promise<BranchPolicy[]> {
  const params = { ...repoParams(sync), branch: sync.deployBranch };
  const protection = await optional(async () => {
    const r = await sync.octokit.request(
      "GET /repos/{owner}/{repo}/branches/{branch}/protection",
      params,
    );
    return r.data as unknown as ProtectionPayload;
  });
  const rules = await optional(async () => {
    const r = await sync.octokit.request("GET /repos/{owner}/{repo}/rules/branches/{branch}", {
      ...params,
      per_page: 100,
    });
    return r.data as unknown as BranchRule[];
  });
  const names = requiredChecks(protection, rules ?? []);
  return sync.target.services.map((s) => ({
    service: s.service,
    repository: sync.target.repository,
    branch: sync.deployBranch,
    requiredChecks: names,
  }));
}
