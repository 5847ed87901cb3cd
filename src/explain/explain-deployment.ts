import type { EngineConfig } from "../config/engine-config.ts";
import { iso } from "../domain/instant.ts";
import type { Deployment, EpochMs, RecordSet } from "../domain/records.ts";
import type { Analysis, DeploymentFacts } from "../engine/analysis.ts";
import { indexChecks, policyFor } from "../engine/compliance.ts";
import { productionTests } from "../engine/deployment-timeline.ts";
import { teamOf } from "../engine/scopes.ts";
import { containmentOf } from "../engine/shipping.ts";
import { analyzeRecords } from "../engine/snapshot.ts";
import { inWindow } from "../engine/windows.ts";
import type { Store } from "../store/store.ts";
import { explainControls } from "./explain-compliance.ts";
import { explainFailure } from "./explain-failure.ts";
import type { DeploymentExplanation, ExplainedChange } from "./explanation.ts";

// One deployment as the engine saw it at asOf. Everything here reads the analysis the
// snapshot is computed from (analyzeRecords), so an explanation cannot disagree with the
// KPIs: a deployment it calls failed is one the change failure ratio counts as failed.

const seconds = (ms: number) => ms / 1000;

function describe(d: Deployment, config: EngineConfig): DeploymentExplanation["deployment"] {
  return {
    id: d.id,
    service: d.service,
    team: teamOf(config.serviceTeam, d.service),
    environment: d.environment,
    status: d.status,
    commitSha: d.commitSha,
    startedAt: d.startedAt === undefined ? undefined : iso(d.startedAt),
    finishedAt: iso(d.finishedAt),
    triggeredBy: d.triggeredBy,
    url: d.url,
    rollbackOf: d.rollbackOf,
    approvals: d.approvals.map((a) => ({ by: a.by, at: iso(a.at) })),
    changes: d.changes,
  };
}

function productionReasons(d: Deployment, config: EngineConfig, asOf: EpochMs): string[] {
  const t = productionTests(d, config, asOf);
  const pattern = `production_environments ${String(config.productionEnvironment)}`;
  return [
    t.live ? "status success: it went live" : `status ${d.status}: an attempt that never went live`,
    `environment "${d.environment}" ${t.productionEnvironment ? "matches" : "does not match"} ${pattern}`,
    t.finishedByAsOf ? "finished at or before asOf" : "finishes after asOf: it does not exist yet",
  ];
}

function changesOf(f: DeploymentFacts, analysis: Analysis): DeploymentExplanation["changes"] {
  const d = f.deployment;
  const facts = new Map(
    analysis.changes.filter((c) => c.deployment === d).map((c) => [c.change, c] as const),
  );
  const shipped: ExplainedChange[] = f.shipped.flatMap((change) => {
    const c = facts.get(change);
    if (!c) return [];
    return {
      id: change.id,
      mergedAt: iso(change.mergedAt),
      firstCommitAt: iso(c.firstCommitAt),
      deployedAt: iso(c.deployedAt),
      leadTimeSeconds: seconds(c.leadTimeMs),
      feature: c.featureLatencyMs !== undefined,
      featureLatencySeconds:
        c.featureLatencyMs === undefined ? undefined : seconds(c.featureLatencyMs),
    };
  });
  const shippedIds = new Set(f.shipped.map((c) => c.id));
  const shippedBy = new Map<string, string>();
  for (const c of analysis.changes)
    if (c.change.service === d.service) shippedBy.set(c.change.id, c.deployment.id);
  const notShipped = (d.changes ?? [])
    .filter((id) => !shippedIds.has(id))
    .map((id) => ({ id, shippedBy: shippedBy.get(id) }));
  const rollback = analysis.timeline.rollbacks.has(d.id);
  return {
    containment: rollback ? "rollback" : containmentOf(d),
    changeSet: f.changeSet,
    shipped,
    notShipped,
  };
}

function explainFacts(
  f: DeploymentFacts,
  analysis: Analysis,
  config: EngineConfig,
  records: RecordSet,
): Omit<DeploymentExplanation, "asOf" | "deployment" | "production"> {
  const { asOf } = analysis;
  const d = f.deployment;
  const recoveredAt = f.failure?.recoveredAt;
  const target = analysis.timeline.rollbackTargets.get(d.id);
  return {
    windows: config.windows.map((w) => ({
      window: w.label,
      deployment: inWindow(d.finishedAt, asOf, w),
      recovery: recoveredAt !== undefined && inWindow(recoveredAt, asOf, w),
    })),
    rollbackOf: target && { deploymentId: target.target.id, rule: target.rule },
    failure: explainFailure(f),
    rework: {
      rework: f.rework !== undefined,
      reasons: (f.rework ?? []).map((reason) => {
        const change = f.shipped.find((c) => c.id === reason.changeId);
        if (reason.rule !== "revert" || !change) return reason;
        return change.reverts === undefined
          ? { ...reason, title: change.title }
          : { ...reason, reverts: change.reverts };
      }),
    },
    changes: changesOf(f, analysis),
    compliance: {
      compliant: f.compliant,
      controls: explainControls(f, config, indexChecks(records.checks, asOf)),
      policy: judgedBy(config, f),
    },
  };
}

/** The policy version that judged it, as ledger records cite it. */
function judgedBy(config: EngineConfig, f: DeploymentFacts) {
  const { scope, effectiveFrom, digest } = policyFor(
    config,
    f.deployment.service,
    f.deployment.finishedAt,
  );
  return { scope, effectiveFrom, digest };
}

/** The explanation of deployment `id` at asOf, or undefined when no such record is stored. */
export function explainDeployment(
  records: RecordSet,
  configured: EngineConfig,
  asOf: EpochMs,
  id: string,
): DeploymentExplanation | undefined {
  const d = records.deployments.find((candidate) => candidate.id === id);
  if (!d) return undefined;
  const { config, analysis } = analyzeRecords(records, configured, asOf);
  const facts = analysis.deployments.find((f) => f.deployment.id === id);
  return {
    asOf: iso(asOf),
    deployment: describe(d, config),
    production: { counted: facts !== undefined, reasons: productionReasons(d, config, asOf) },
    ...(facts && explainFacts(facts, analysis, config, records)),
  };
}

/** explainDeployment over the store; an unknown id costs one look-up, not a load. */
export async function explainStored(
  store: Store,
  configured: EngineConfig,
  asOf: EpochMs,
  id: string,
): Promise<DeploymentExplanation | undefined> {
  if (!(await store.storedIds("deployment", [id])).size) return undefined;
  return explainDeployment(await store.load(), configured, asOf, id);
}
