import { checkMatcher, type EngineConfig } from "../config/engine-config.ts";
import type { BranchPolicy } from "../domain/records.ts";
import { policiesFor } from "./compliance.ts";

// Where the config names no required checks, the checks the service's deploy branch
// requires (branch protection and rulesets, as a source discovered them) are the
// control set. A config that lists required_checks, even as [], always wins.

/** The engine config with per-service required checks from discovered branch policies. */
export function withBranchPolicies(
  config: EngineConfig,
  policies: readonly BranchPolicy[] | undefined,
): EngineConfig {
  if (!policies?.length) return config;
  const required = new Map<string, Set<string>>();
  for (const policy of policies) {
    const names = required.get(policy.service) ?? new Set<string>();
    for (const name of policy.requiredChecks) names.add(name);
    required.set(policy.service, names);
  }
  const servicePolicies = new Map(config.servicePolicies);
  for (const [service, names] of [...required].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (names.size === 0) continue;
    const requiredChecks = [...names].sort().map((name) => checkMatcher(name));
    const versions = policiesFor(config, service);
    // Per version: a later policy may start or stop naming required checks itself.
    if (versions.every((v) => v.resolved.requiredChecksConfigured)) continue;
    servicePolicies.set(
      service,
      versions.map((v) =>
        v.resolved.requiredChecksConfigured
          ? v
          : { ...v, resolved: { ...v.resolved, requiredChecks } },
      ),
    );
  }
  return { ...config, servicePolicies };
}
