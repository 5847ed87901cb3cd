import {
  type CanonicalControls,
  configHistory,
  type DeclaredPolicy,
  inForce,
  type PolicyVersion,
  policyDigest,
  policyVersion,
} from "../config/policy-history.ts";
import type { EvidencePolicy } from "../domain/evidence-record.ts";
import type { EpochMs } from "../domain/records.ts";
import { canonicalJson } from "./canonical-json.ts";
import { iso } from "./evidence-facts.ts";

// The effective policy history: what the config declares, reconciled with what the ledger
// has seen (contract §8.2; METRICS.md decision 131). The past is never re-judged silently:
// - a version the ledger has not seen, dated at an instant the ledger knows for its scope,
//   or undated, is in force from the instant it is first seen;
// - a new effective_from still to come schedules the version from then;
// - a new effective_from in the past re-judges from then on, and its record says so;
// - the first versions ever seen for a scope are taken as declared (nothing was judged yet);
// - when the config no longer declares the version in force now, its current one is in
//   force from the instant that is first seen.

const controlsKey = (c: CanonicalControls | Record<string, unknown>) => canonicalJson(c as never);
const keyOf = (declaredFrom: string | undefined, controls: CanonicalControls) =>
  `${declaredFrom ?? "undated"} ${controlsKey(controls)}`;

function draft(
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

/** A scope's effective history from its policy records in ledger order, oldest instant first. */
export function historyOf(records: readonly EvidencePolicy[]): PolicyVersion[] {
  const byInstant = new Map<string, EvidencePolicy>();
  // At one instant the later record wins: it was seen after the other.
  for (const r of records) byInstant.set(r.effectiveFrom ?? "", r);
  return [...byInstant.values()]
    .map((r) => ({
      ...policyVersion(r.scope, r.effectiveFrom, r.controls as CanonicalControls),
      digest: r.digest,
      rejudges: r.rejudges ? r.reason : undefined,
    }))
    .sort((a, b) => a.fromMs - b.fromMs);
}

function reconcileScope(
  scope: string,
  declared: readonly DeclaredPolicy[],
  known: readonly EvidencePolicy[],
  now: EpochMs,
): EvidencePolicy[] {
  if (!known.length)
    return declared.map((p, i) =>
      draft(
        scope,
        p,
        p.declaredFrom ?? null,
        now,
        i === 0
          ? "first policy seen for its scope: it also judges every deployment that finished before it"
          : "declared in the first config seen",
      ),
    );
  const seen = new Set(known.map((r) => keyOf(r.declaredFrom, r.controls as CanonicalControls)));
  const knownInstants = new Set(known.flatMap((r) => r.declaredFrom ?? []));
  const drafts: EvidencePolicy[] = [];
  for (const p of declared) {
    if (seen.has(keyOf(p.declaredFrom, p.controls))) continue;
    const at = p.declaredFrom === undefined ? undefined : Date.parse(p.declaredFrom);
    if (at !== undefined && at > now)
      drafts.push(
        draft(scope, p, p.declaredFrom as string, now, "scheduled by its effective_from"),
      );
    else if (p.declaredFrom !== undefined && !knownInstants.has(p.declaredFrom))
      drafts.push(
        draft(
          scope,
          p,
          p.declaredFrom,
          now,
          `explicit effective_from ${p.declaredFrom} before the policy was first seen: re-judges the deployments that finished from then on`,
          true,
        ),
      );
    else
      drafts.push(
        draft(
          scope,
          p,
          iso(now),
          now,
          p.declaredFrom === undefined
            ? "controls changed without an effective_from: in force from the instant first seen"
            : `controls of the policy effective from ${p.declaredFrom} changed without a new effective_from: in force from the instant first seen`,
        ),
      );
  }
  const current = inForce(configHistory(declared, scope), now);
  const effective = inForce(historyOf([...known, ...drafts]), now);
  if (controlsKey(effective.controls) !== controlsKey(current.controls))
    drafts.push(
      draft(
        scope,
        { controls: current.controls },
        iso(now),
        now,
        "the config no longer declares the policy in force: its current one is in force from the instant first seen",
      ),
    );
  return drafts;
}

/** The policy records to append for this config, given the ledger's (in ledger order). */
export function reconcilePolicies(
  declared: ReadonlyMap<string, readonly DeclaredPolicy[]>,
  known: readonly EvidencePolicy[],
  now: EpochMs,
): EvidencePolicy[] {
  const drafts: EvidencePolicy[] = [];
  for (const [scope, versions] of declared)
    drafts.push(
      ...reconcileScope(
        scope,
        versions,
        known.filter((r) => r.scope === scope),
        now,
      ),
    );
  return drafts;
}

/** Every scope's effective history from policy records in ledger order. */
export function effectiveHistories(
  records: readonly EvidencePolicy[],
): Map<string, PolicyVersion[]> {
  const scopes = new Map<string, EvidencePolicy[]>();
  for (const r of records) scopes.set(r.scope, [...(scopes.get(r.scope) ?? []), r]);
  return new Map([...scopes].map(([scope, list]) => [scope, historyOf(list)]));
}
