import type { EngineConfig } from "../config/engine-config.ts";
import { canonicalJson, sha256Hex } from "../domain/canonical-json.ts";
import type { EvidenceCandidate } from "../domain/evidence-candidate.ts";
import type { EvidenceApproval, EvidenceCheck, EvidenceFacts } from "../domain/evidence-record.ts";
import { iso } from "../domain/instant.ts";
import type { Approval } from "../domain/records.ts";
import type { DeploymentFacts } from "../engine/analysis.ts";
import { type ChecksByCommit, checkCounts } from "../engine/compliance.ts";
import { compare } from "../engine/scopes.ts";
import { containmentOf } from "../engine/shipping.ts";

// What the ledger would say about each production deployment now: its facts as the
// engine sees them at asOf (what it shipped, by which containment) and the engine's
// verdicts. Lists are sorted so the same facts always give the same digest, whatever
// order a source returned them in.

function approvals(list: readonly Approval[]): EvidenceApproval[] {
  return list
    .map((a) => ({ by: a.by, at: iso(a.at) }))
    .sort((a, b) => compare(a.at, b.at) || compare(a.by, b.by));
}

function checksOf(f: DeploymentFacts, checks: ChecksByCommit): EvidenceCheck[] {
  const d = f.deployment;
  return (checks.get(d.commitSha) ?? [])
    .filter((c) => checkCounts(c, d))
    .map((c) => ({
      name: c.name,
      conclusion: c.conclusion,
      completedAt: iso(c.completedAt),
      url: c.url,
    }))
    .sort(
      (a, b) =>
        compare(a.completedAt, b.completedAt) ||
        compare(a.name, b.name) ||
        compare(a.conclusion, b.conclusion),
    );
}

function factsOf(f: DeploymentFacts, rollback: boolean, checks: ChecksByCommit): EvidenceFacts {
  const d = f.deployment;
  return {
    service: d.service,
    environment: d.environment,
    commitSha: d.commitSha,
    startedAt: d.startedAt === undefined ? undefined : iso(d.startedAt),
    finishedAt: iso(d.finishedAt),
    triggeredBy: d.triggeredBy,
    url: d.url,
    rollbackOf: f.rollbackOfId,
    approvals: approvals(d.approvals),
    containment: rollback ? "rollback" : f.changeSet === "unknown" ? "unknown" : containmentOf(d),
    changes: f.shipped.map((c) => ({
      id: c.id,
      mergedAt: iso(c.mergedAt),
      author: c.author,
      approvals: approvals(c.approvals),
      linkedItems: c.linkedItems.map((item) => item.id).sort(compare),
      url: c.url,
    })),
    checks: checksOf(f, checks),
  };
}

/**
 * A digest of everything a deployment's facts are built from, in the records' own order.
 * Equal inputs give equal facts, so a recorder that saw this fingerprint recorded already
 * need not build and canonicalise the facts again (ten times the cost of this).
 */
export function inputFingerprint(f: DeploymentFacts, rollback: boolean, checks: ChecksByCommit) {
  const d = f.deployment;
  const onCommit = checks.get(d.commitSha) ?? [];
  // changeSet: an earlier deployment of the same commit, imported late, makes it known.
  const inputs = [d, f.rollbackOfId ?? null, rollback, f.changeSet, f.shipped, onCommit];
  return sha256Hex(JSON.stringify(inputs));
}

/** What the ledger would record for a production deployment now. */
export function candidateOf(
  f: DeploymentFacts,
  rollback: boolean,
  checks: ChecksByCommit,
  rejudging?: ReadonlyMap<string, string>,
): EvidenceCandidate {
  const facts = factsOf(f, rollback, checks);
  return {
    deploymentId: f.deployment.id,
    facts,
    factsDigest: sha256Hex(canonicalJson(facts)),
    verdict: {
      compliant: f.compliant,
      controls: f.controls.map(({ control, pass, verdict, reason }) => ({
        control,
        pass,
        verdict,
        reason,
      })),
    },
    policy: f.policy,
    rejudges: rejudging?.get(f.policy),
  };
}

/** The re-judging versions of the engine's policies: digest → why (the candidates' rejudges). */
export function rejudgingOf(engine: EngineConfig): Map<string, string> {
  const found = new Map<string, string>();
  const histories = [engine.organisationPolicies, ...engine.teamPolicies.values()];
  for (const versions of histories)
    for (const v of versions) if (v.rejudges !== undefined) found.set(v.digest, v.rejudges);
  return found;
}
