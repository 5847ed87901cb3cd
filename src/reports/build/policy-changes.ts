import type { EngineConfig, ResolvedPolicy } from "../../config/engine-config.ts";
import { ORGANISATION_SCOPE } from "../../config/policy-history.ts";
import { controlsText } from "../../evidence/policies-view.ts";
import type { PolicyChange } from "../model.ts";
import { iso } from "../quarter.ts";

// The compliance policy changes of the quarter (contract §8.2; METRICS.md decision 133):
// every version of the effective history in force from an instant in the quarter up to
// asOf, for the organisation and its teams (a team report: the policy judging that team).

function changesOf(versions: readonly ResolvedPolicy[], from: number, to: number): PolicyChange[] {
  const changes: PolicyChange[] = [];
  versions.forEach((v, i) => {
    if (i === 0 || v.fromMs < from || v.fromMs > to) return;
    changes.push({
      at: iso(v.fromMs),
      scope: v.scope,
      before: controlsText((versions[i - 1] as ResolvedPolicy).controls),
      after: controlsText(v.controls),
      policy: v.digest,
      ...(v.rejudges !== undefined && { rejudges: v.rejudges }),
    });
  });
  return changes;
}

export function policyChanges(
  engine: EngineConfig,
  team: string | undefined,
  quarter: { start: number; end: number },
  asOf: number,
): PolicyChange[] {
  const to = Math.min(asOf, quarter.end - 1);
  const histories =
    team === undefined
      ? [engine.organisationPolicies, ...engine.teamPolicies.values()]
      : [engine.teamPolicies.get(team) ?? engine.organisationPolicies];
  const seen = new Set<string>();
  const changes: PolicyChange[] = [];
  for (const versions of histories) {
    const scope = versions[0]?.scope;
    if (scope === undefined || seen.has(scope)) continue;
    seen.add(scope);
    changes.push(...changesOf(versions, quarter.start, to));
  }
  const order = (s: string) => (s === ORGANISATION_SCOPE ? "" : s);
  return changes.sort((a, b) =>
    a.at < b.at ? -1 : a.at > b.at ? 1 : order(a.scope) < order(b.scope) ? -1 : 1,
  );
}
