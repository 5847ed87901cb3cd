import { canonicalJson, sha256Hex } from "../domain/canonical-json.ts";
import type { ComplianceConfig, ControlsConfig } from "./compliance-schema.ts";
import type { ConfigFile } from "./schema.ts";

// Compliance policies as histories (contract §8.2; METRICS.md decisions 130–131). Each
// scope, the organisation or a team with its own compliance section, has versions each in
// force from an instant; a team's versions are the organisation's merged with its own at
// every instant either changes. Which version judges a deployment is decided by when it
// finished, and before the first version's instant the first one judges.

export const ORGANISATION_SCOPE = "organisation";
export const teamScope = (team: string): string => `team/${team}`;

/** Controls as the config writes them, keys absent when not given: the digest's input. */
export type CanonicalControls = ControlsConfig;

/** A version the config declares; declaredFrom is absent for `controls` given alone. */
export interface DeclaredPolicy {
  declaredFrom?: string;
  controls: CanonicalControls;
}

/** One version of a scope's policy as the engine applies it. */
export interface PolicyVersion {
  scope: string;
  /** In force from this instant (ISO); null: from the beginning. */
  effectiveFrom: string | null;
  fromMs: number;
  controls: CanonicalControls;
  /** SHA-256 of {scope, effectiveFrom, controls} as canonical JSON: what a record cites. */
  digest: string;
  /** Set when it was recorded as re-judging deployments that finished before it was seen. */
  rejudges?: string;
}

export function policyDigest(
  scope: string,
  effectiveFrom: string | null,
  controls: CanonicalControls,
): string {
  return sha256Hex(canonicalJson({ scope, effectiveFrom, controls }));
}

export function policyVersion(
  scope: string,
  effectiveFrom: string | null,
  controls: CanonicalControls,
  rejudges?: string,
): PolicyVersion {
  return {
    scope,
    effectiveFrom,
    fromMs: effectiveFrom === null ? Number.NEGATIVE_INFINITY : Date.parse(effectiveFrom),
    controls: canonicalControls(controls),
    digest: policyDigest(scope, effectiveFrom, canonicalControls(controls)),
    rejudges,
  };
}

/** Keys sorted, absent keys left out, check lists as written. */
export function canonicalControls(c: CanonicalControls): CanonicalControls {
  return JSON.parse(canonicalJson(c as Record<string, unknown> as never)) as CanonicalControls;
}

function declaredOf(section: ComplianceConfig | undefined): DeclaredPolicy[] | undefined {
  if (section?.policies)
    return section.policies.map((p) => ({ declaredFrom: p.effective_from, controls: p.controls }));
  if (section?.controls) return [{ controls: section.controls }];
  return undefined;
}

/** The version in force at `at` among versions sorted by instant; the first before them all. */
export function inForce<T extends { fromMs: number }>(versions: readonly T[], at: number): T {
  let found = versions[0] as T;
  for (const v of versions) if (v.fromMs <= at) found = v;
  return found;
}

const atMs = (p: DeclaredPolicy) =>
  p.declaredFrom === undefined ? Number.NEGATIVE_INFINITY : Date.parse(p.declaredFrom);

/** A team's own versions over the organisation's, at every instant either declares. */
function mergeDeclared(org: DeclaredPolicy[], team: DeclaredPolicy[]): DeclaredPolicy[] {
  // Dated instants only, when there are any: the first of them judges everything before it.
  const dates = [...new Set([...org, ...team].flatMap((p) => p.declaredFrom ?? []))];
  const instants: (string | undefined)[] = dates.length
    ? dates.sort((a, b) => Date.parse(a) - Date.parse(b))
    : [undefined];
  const dated = (list: DeclaredPolicy[]) => list.map((p) => ({ ...p, fromMs: atMs(p) }));
  const orgDated = dated(org);
  const teamDated = dated(team);
  const merged: DeclaredPolicy[] = [];
  for (const declaredFrom of instants) {
    const at = declaredFrom === undefined ? Number.NEGATIVE_INFINITY : Date.parse(declaredFrom);
    const controls = { ...inForce(orgDated, at).controls, ...inForce(teamDated, at).controls };
    const last = merged[merged.length - 1];
    if (last && canonicalJson(last.controls) === canonicalJson(controls)) continue;
    merged.push({ declaredFrom, controls: canonicalControls(controls) });
  }
  return merged;
}

/** Each scope's declared versions, oldest first: the organisation's, then each team's own. */
export function declaredPolicies(config: ConfigFile): Map<string, DeclaredPolicy[]> {
  const org = declaredOf(config.compliance) ?? [{ controls: {} }];
  const scopes = new Map<string, DeclaredPolicy[]>([
    [ORGANISATION_SCOPE, org.map((p) => ({ ...p, controls: canonicalControls(p.controls) }))],
  ]);
  for (const team of config.teams) {
    const own = declaredOf(team.compliance);
    if (own) scopes.set(teamScope(team.name), mergeDeclared(org, own));
  }
  return scopes;
}

/** Versions straight from the config, as a ledger that saw them first would record them. */
export function configHistory(declared: readonly DeclaredPolicy[], scope: string) {
  return declared.map((p) => policyVersion(scope, p.declaredFrom ?? null, p.controls));
}
