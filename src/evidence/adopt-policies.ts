import { type EngineConfig, withPolicyHistories } from "../config/engine-config.ts";
import {
  type DeclaredPolicy,
  declaredPolicies,
  ORGANISATION_SCOPE,
  teamScope,
} from "../config/policy-history.ts";
import type { ConfigFile } from "../config/schema.ts";
import { parseCanonical } from "../domain/canonical-json.ts";
import { type EvidencePolicy, isPolicyRecord } from "../domain/evidence-record.ts";
import type { EpochMs } from "../domain/records.ts";
import type { Logger } from "../logger.ts";
import type { Store } from "../store/store.ts";
import { INHERITED } from "./policy-drafts.ts";
import { effectiveHistories, reconcilePolicies } from "./policy-records.ts";

// Every command that judges deployments starts here (METRICS.md decision 131): the
// config's policies are reconciled with the ledger's policy records, versions first seen
// now are appended (and logged, once, since the next run finds them recorded), and the
// engine judges by the effective history, so every surface agrees on every verdict.

/** The config's declared versions, plus the organisation's for a team whose own section went away. */
function declaredFor(config: ConfigFile, known: readonly EvidencePolicy[]) {
  const declared = declaredPolicies(config);
  const org = declared.get(ORGANISATION_SCOPE) as DeclaredPolicy[];
  const inherits = new Set<string>();
  for (const team of config.teams) {
    const scope = teamScope(team.name);
    if (declared.has(scope) || !known.some((r) => r.scope === scope)) continue;
    declared.set(scope, org);
    inherits.add(scope);
  }
  return { declared, inherits };
}

export interface PolicyAdoption {
  /** Wall clock: the instant a version not seen before is first seen. */
  now: EpochMs;
  /** Append what is first seen (a command that only reads leaves it pending). */
  record: boolean;
  logger?: Pick<Logger, "info">;
}

/** The policy records in force for this config: the ledger's, and those first seen now. */
export async function policyRecordsFor(
  store: Store,
  config: ConfigFile,
  { now, record, logger }: PolicyAdoption,
): Promise<{ records: EvidencePolicy[]; pending: EvidencePolicy[] }> {
  const reconcile = (known: readonly EvidencePolicy[]) => {
    const { declared, inherits } = declaredFor(config, known);
    return reconcilePolicies(declared, known, now, inherits);
  };
  if (!record) {
    const known = await store.evidence.policies();
    const pending = reconcile(known);
    return { records: [...known, ...pending], pending };
  }
  const { known, appended } = await store.evidence.appendPolicies(reconcile, now);
  const recorded: EvidencePolicy[] = [];
  // The first config ever seen is recorded quietly, and so is a team's copy of the
  // organisation's history (nothing changes for it); any other record is news.
  for (const sealed of appended) {
    const parsed = parseCanonical(sealed.text);
    if (!isPolicyRecord(parsed)) continue;
    const p = parsed.policy;
    recorded.push(p);
    if (!known.length || p.reason === INHERITED) continue;
    logger?.info("compliance policy recorded", {
      scope: p.scope,
      policy: p.digest,
      in_force_from: p.effectiveFrom ?? "the beginning",
      rejudges: p.rejudges,
      reason: p.reason,
      ledger_record: sealed.seq,
    });
  }
  return { records: [...known, ...recorded], pending: [] };
}

/** The engine config judging by the effective policy history. */
export async function effectiveEngine(
  store: Store,
  config: ConfigFile,
  engine: EngineConfig,
  adoption: PolicyAdoption,
): Promise<EngineConfig> {
  const { records } = await policyRecordsFor(store, config, adoption);
  return withPolicyHistories(engine, effectiveHistories(records));
}
