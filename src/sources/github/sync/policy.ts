import type { BranchPolicy } from "../../../domain/records.ts";
import { type BranchRule, type ProtectionPayload, requiredChecks } from "../normalize/policy.ts";
import { isUnavailable, type RepoSync, repoParams } from "./context.ts";

// The deploy branch's required status checks, from classic protection and rulesets. The
// branch itself carries its protection summary, readable without the admin rights the
// protection endpoint needs, and answers 200 whether protected or not, so an unchanged
// branch costs a free 304 where an unprotected one would cost a 404 every sync. A missing
// branch or a forbidden read means "nothing known", not a failed sync.

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
    const r = await sync.octokit.request("GET /repos/{owner}/{repo}/branches/{branch}", params);
    const branch = r.data as unknown as { protected?: boolean; protection?: ProtectionPayload };
    return branch.protected ? branch.protection : undefined;
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
