import {
  type CanonicalControls,
  type DeclaredPolicy,
  inForce,
  ORGANISATION_SCOPE,
  type PolicyVersion,
} from "../config/policy-history.ts";
import type { EvidencePolicy } from "../domain/evidence-record.ts";
import { iso } from "../domain/instant.ts";
import type { EpochMs } from "../domain/records.ts";
import { alignFuture, controlsKey, draft, historyOf, inheritedFrom } from "./policy-drafts.ts";

export { historyOf } from "./policy-drafts.ts";

// The effective policy history: what the config declares, reconciled with what the ledger
// has seen (contract §8.2; METRICS.md decision 131). The past is never re-judged silently:
// - the versions of the first config ever seen (the ledger holds no policy record) are
//   taken as declared: nothing was judged yet;
// - a team first seen with its own section starts from the organisation's history, which
//   judged it until then;
// - a version the ledger has not seen, dated at an instant the ledger knows for its scope,
//   or undated, is in force from the instant it is first seen;
// - a new effective_from still to come schedules the version from then;
// - a new effective_from in the past re-judges from then on, and its record says so, unless
//   the same controls were in force then (nothing would be judged differently);
// - now and every later instant are then aligned with the config (policy-drafts.ts).

const keyOf = (declaredFrom: string | undefined, controls: CanonicalControls) =>
  `${declaredFrom ?? "undated"} ${controlsKey(controls)}`;

const asDeclared = (scope: string, declared: readonly DeclaredPolicy[], now: EpochMs) =>
  declared.map((p, i) =>
    draft(
      scope,
      p,
      p.declaredFrom ?? null,
      now,
      i === 0
        ? "first policy seen: it also judges every deployment that finished before it"
        : "declared in the first config seen",
    ),
  );

/** The drafts for versions the scope's records lack, before aligning now and the future. */
function versionDrafts(
  scope: string,
  declared: readonly DeclaredPolicy[],
  known: readonly EvidencePolicy[],
  now: EpochMs,
): EvidencePolicy[] {
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
    else if (at !== undefined && !knownInstants.has(p.declaredFrom as string)) {
      const before = inForce(historyOf([...known, ...drafts]), at).controls;
      const same = controlsKey(before) === controlsKey(p.controls);
      const why = `explicit effective_from ${p.declaredFrom} before the policy was first seen`;
      drafts.push(
        same
          ? draft(
              scope,
              p,
              p.declaredFrom as string,
              now,
              `${why}: the same controls were in force then, nothing is re-judged`,
            )
          : draft(
              scope,
              p,
              p.declaredFrom as string,
              now,
              `${why}: re-judges the deployments that finished from then on`,
              true,
            ),
      );
    } else
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
  // Several versions changed at once are in force from now: the last (latest) one is.
  const atNow = drafts.filter((d) => d.effectiveFrom === iso(now)).slice(0, -1);
  return drafts.filter((d) => !atNow.includes(d));
}

/**
 * The policy records to append for this config, given the ledger's (in ledger order).
 * `inherits`: teams whose own section went away and now follow the organisation's
 * versions, from the instant first seen only (their past keeps its verdicts).
 */
export function reconcilePolicies(
  declared: ReadonlyMap<string, readonly DeclaredPolicy[]>,
  known: readonly EvidencePolicy[],
  now: EpochMs,
  inherits: ReadonlySet<string> = new Set(),
): EvidencePolicy[] {
  const drafts: EvidencePolicy[] = [];
  // The organisation first: a team first seen now starts from its history.
  const scopes = [...declared].sort(([a], [b]) =>
    a === ORGANISATION_SCOPE ? -1 : b === ORGANISATION_SCOPE ? 1 : 0,
  );
  for (const [scope, versions] of scopes) {
    if (!known.length) {
      drafts.push(...asDeclared(scope, versions, now));
      continue;
    }
    let own = known.filter((r) => r.scope === scope);
    if (!own.length) {
      const org = [...known, ...drafts].filter((r) => r.scope === ORGANISATION_SCOPE);
      own = inheritedFrom(scope, org, now);
      drafts.push(...own);
    }
    // A team following the organisation's versions takes their changes from now on, but a
    // past effective_from the organisation re-judges by in this same look re-judges it too.
    const rejudged = drafts.filter((d) => d.scope === ORGANISATION_SCOPE && d.rejudges);
    const followed = inherits.has(scope)
      ? versions.filter((p) => rejudged.some((d) => d.declaredFrom === p.declaredFrom))
      : versions;
    const changed = versionDrafts(scope, followed, own, now);
    drafts.push(...changed, ...alignFuture(scope, versions, [...own, ...changed], now));
  }
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
