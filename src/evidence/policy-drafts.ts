import {
  type CanonicalControls,
  configHistory,
  type DeclaredPolicy,
  inForce,
  type PolicyVersion,
  policyDigest,
  policyVersion,
} from "../config/policy-history.ts";
import { canonicalJson } from "../domain/canonical-json.ts";
import type { EvidencePolicy } from "../domain/evidence-record.ts";
import { iso } from "../domain/instant.ts";
import type { EpochMs } from "../domain/records.ts";

// The building blocks of reconciling policies with the ledger (METRICS.md decision 131):
// a policy record's draft, a scope's effective history, the organisation's history taken
// over by a team first seen with its own section, and the alignment of the present and
// the future with the config, so a schedule the config dropped never comes into force.

export const controlsKey = (c: CanonicalControls | Record<string, unknown>) =>
  canonicalJson(c as never);

/** The reason of a team's copy of the organisation's history: not a change, never logged. */
export const INHERITED =
  "the organisation's policy, which judged the team before its own section was first seen";

export function draft(
  scope: string,
  p: DeclaredPolicy,
  effectiveFrom: string | null,
  now: EpochMs,
  reason: string,
  rejudges = false,
): EvidencePolicy {
  return {
    scope,
    digest: policyDigest(scope, effectiveFrom, p.controls),
    controls: p.controls as Record<string, unknown>,
    effectiveFrom,
    declaredFrom: p.declaredFrom,
    firstSeen: iso(now),
    rejudges,
    reason,
  };
}

const fromMs = (r: EvidencePolicy) =>
  r.effectiveFrom === null ? Number.NEGATIVE_INFINITY : Date.parse(r.effectiveFrom);

/** The record in force from each instant, oldest instant first. */
function winners(records: readonly EvidencePolicy[]): EvidencePolicy[] {
  const byInstant = new Map<string, EvidencePolicy>();
  // At one instant the later record wins: it was seen after the other.
  for (const r of records) byInstant.set(r.effectiveFrom ?? "", r);
  return [...byInstant.values()].sort((a, b) => fromMs(a) - fromMs(b));
}

/** A scope's effective history from its policy records in ledger order, oldest instant first. */
export function historyOf(records: readonly EvidencePolicy[]): PolicyVersion[] {
  return winners(records).map((r) => ({
    ...policyVersion(r.scope, r.effectiveFrom, r.controls as CanonicalControls),
    digest: r.digest,
    rejudges: r.rejudges ? r.reason : undefined,
  }));
}

/**
 * A team first seen with its own section on a ledger that already judged it by the
 * organisation's history: that history, recorded under the team's scope, so the team's
 * past keeps its verdicts. Never re-judging: those deployments were judged by it already.
 */
export const inheritedFrom = (scope: string, org: readonly EvidencePolicy[], now: EpochMs) =>
  winners(org).map((r) =>
    draft(
      scope,
      { declaredFrom: r.declaredFrom, controls: r.controls as CanonicalControls },
      r.effectiveFrom,
      now,
      INHERITED,
    ),
  );

/**
 * Records making now and every later instant of the recorded history match the config: at
 * now the config's current version, and at an instant still to come whose recorded version
 * the config no longer declares (a schedule dropped or moved) the config's version there.
 */
export function alignFuture(
  scope: string,
  declared: readonly DeclaredPolicy[],
  records: readonly EvidencePolicy[],
  now: EpochMs,
): EvidencePolicy[] {
  const config = configHistory(declared, scope);
  const drafts: EvidencePolicy[] = [];
  const later = [...historyOf(records), ...config].map((v) => v.fromMs).filter((t) => t > now);
  for (const t of [now, ...[...new Set(later)].sort((a, b) => a - b)]) {
    // Before the config's first instant it says nothing of its own: only the first config
    // ever seen lets its first version judge earlier (a new team's schedule stays one).
    if (t < (config[0] as PolicyVersion).fromMs) continue;
    const want = inForce(config, t).controls;
    const have = inForce(historyOf([...records, ...drafts]), t).controls;
    if (controlsKey(want) === controlsKey(have)) continue;
    const reason =
      t === now
        ? "the config no longer declares the policy in force: its current one is in force from the instant first seen"
        : `the config no longer schedules the recorded policy from ${iso(t)}: the version it declares for that instant is in force from it`;
    drafts.push(draft(scope, { controls: want }, iso(t), now, reason));
  }
  return drafts;
}
