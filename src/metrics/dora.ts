import type { EngineConfig, KpiWindow } from "../config/engine-config.ts";
import { environmentLabeller } from "../config/exported-environments.ts";
import type { RecordSet } from "../domain/records.ts";
import { KPI } from "../exporter/conventions.ts";
import type { Analysis } from "./analysis.ts";
import { performanceLevels } from "./levels.ts";
import { compare, type ScopedBuckets, teamOf } from "./scopes.ts";
import type { SampleSink } from "./sink.ts";
import { WindowedScopes } from "./windowed-scopes.ts";
import { windowDays } from "./windows.ts";

// The five DORA metrics, feature-to-market latency and performance levels for one window.

export interface DoraBucket {
  deployments: number;
  failed: number;
  rework: number;
  changes: number;
  leadTimes: number[];
  recoveries: number[];
  featureLatencies: number[];
}

const newBucket = (): DoraBucket => ({
  deployments: 0,
  failed: 0,
  rework: 0,
  changes: 0,
  leadTimes: [],
  recoveries: [],
  featureLatencies: [],
});

/** Failed deployment recovery time; a recovery logged before the deployment counts as 0. */
export function recoverySeconds(finishedAt: number, recoveredAt: number): number {
  return Math.max(0, recoveredAt - finishedAt) / 1000;
}

/** Deliveries per window and scope; cost per deployment and per change reuse the counts. */
export function deliveryBuckets(
  analysis: Analysis,
  windows: readonly KpiWindow[],
): ScopedBuckets<DoraBucket>[] {
  const scopes = new WindowedScopes(windows, analysis.asOf, newBucket);
  for (const f of analysis.deployments) {
    const d = f.deployment;
    const failed = f.failure !== undefined;
    const rework = f.rework !== undefined;
    for (const b of scopes.bucketsAt(d.finishedAt, f.team, d.service)) {
      b.deployments++;
      if (failed) b.failed++;
      if (rework) b.rework++;
    }
    const recoveredAt = f.failure?.recoveredAt;
    if (recoveredAt !== undefined) {
      const seconds = recoverySeconds(d.finishedAt, recoveredAt);
      for (const b of scopes.bucketsAt(recoveredAt, f.team, d.service)) b.recoveries.push(seconds);
    }
  }
  for (const c of analysis.changes) {
    const leadTime = c.leadTimeMs / 1000;
    const latency = c.featureLatencyMs === undefined ? undefined : c.featureLatencyMs / 1000;
    for (const b of scopes.bucketsAt(c.deployedAt, c.team, c.change.service)) {
      b.changes++;
      b.leadTimes.push(leadTime);
      if (latency !== undefined) b.featureLatencies.push(latency);
    }
  }
  return scopes.scopes;
}

export function doraSamples(
  delivery: ScopedBuckets<DoraBucket>,
  window: KpiWindow,
  config: EngineConfig,
  sink: SampleSink,
): void {
  for (const [scope, b] of delivery.entries()) {
    const labels = { ...scope, window: window.label };
    const perDay = b.deployments ? b.deployments / windowDays(window) : undefined;
    const failureRatio = b.deployments ? b.failed / b.deployments : undefined;
    if (perDay !== undefined) sink.add(KPI.deploymentFrequency, labels, perDay);
    const leadTimeP50 = sink.addQuantiles(KPI.leadTime, labels, b.leadTimes);
    if (b.changes) sink.add(KPI.changesDeployed, labels, b.changes);
    if (failureRatio !== undefined) sink.add(KPI.changeFailureRatio, labels, failureRatio);
    const recoveryP50 = sink.addQuantiles(KPI.recoveryTime, labels, b.recoveries);
    sink.addRatio(KPI.reworkRatio, labels, b.rework, b.deployments);
    const levels = performanceLevels(
      {
        leadTimeP50Seconds: leadTimeP50,
        deploymentsPerDay: perDay,
        changeFailureRatio: failureRatio,
        recoveryTimeP50Seconds: recoveryP50,
      },
      config,
    );
    for (const [metric, level] of levels)
      sink.add(KPI.performanceLevel, { ...labels, metric }, level);
    sink.addQuantiles(KPI.featureToMarket, labels, b.featureLatencies);
  }
}

/** Successful deployments by asOf of one service in one recorded environment. */
export interface DeploymentCount {
  service: string;
  environment: string;
  n: number;
}

/** Counts every successful deployment by asOf, per service and recorded environment. */
export function countDeployments(records: RecordSet, asOf: number): DeploymentCount[] {
  const counts = new Map<string, DeploymentCount>();
  for (const d of records.deployments) {
    if (d.status !== "success" || d.finishedAt > asOf) continue;
    const key = `${d.service}\u0000${d.environment}`;
    const known = counts.get(key);
    if (known) known.n++;
    else counts.set(key, { service: d.service, environment: d.environment, n: 1 });
  }
  return [...counts.values()];
}

/**
 * dora_deployments_total: every successful deployment by asOf, per environment kept as
 * recorded (production or exported_environments), the others summed under `other`.
 */
export function deploymentCounterSamples(
  counts: readonly DeploymentCount[],
  config: EngineConfig,
  sink: SampleSink,
): void {
  const label = environmentLabeller(config.productionEnvironment, config.exportedEnvironments);
  const folded = new Map<string, DeploymentCount>();
  for (const c of counts) {
    const environment = label(c.environment);
    const key = `${c.service}\u0000${environment}`;
    const known = folded.get(key);
    if (known) known.n += c.n;
    else folded.set(key, { service: c.service, environment, n: c.n });
  }
  const rows = [...folded.values()]
    .map((c) => ({ ...c, team: teamOf(config.serviceTeam, c.service) }))
    .sort(
      (a, b) =>
        compare(a.team, b.team) ||
        compare(a.service, b.service) ||
        compare(a.environment, b.environment),
    );
  for (const r of rows)
    sink.add(
      KPI.deploymentsTotal,
      { team: r.team, service: r.service, environment: r.environment },
      r.n,
    );
}
