import type { EngineConfig, KpiWindow } from "../config/engine-config.ts";
import { environmentLabeller } from "../config/exported-environments.ts";
import type { RecordSet } from "../domain/records.ts";
import { KPI } from "../vocabulary/kpi-catalogue.ts";
import type { DoraBucket } from "./delivery-buckets.ts";
import { performanceLevels } from "./levels.ts";
import { compare, type ScopedBuckets, teamOf } from "./scopes.ts";
import type { SampleSink } from "./sink.ts";
import { windowDays } from "./windows.ts";

// The five DORA metrics, feature-to-market latency and performance levels for one window.

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
