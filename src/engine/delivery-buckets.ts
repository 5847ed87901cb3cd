import type { KpiWindow } from "../config/engine-config.ts";
import type { EpochMs } from "../domain/records.ts";
import type { Analysis, ChangeFacts, DeploymentFacts } from "./analysis-types.ts";
import type { ScopedBuckets } from "./scopes.ts";
import {
  byService,
  composeScopes,
  type ServiceBuckets,
  serviceBuckets,
} from "./service-buckets.ts";
import { ValueRuns } from "./value-runs.ts";

// What the five DORA metrics and feature-to-market latency count, per window and scope:
// each service's deliveries bucketed on their own, then merged into teams and the
// organisation. Cost per deployment and per change reuse the counts.

export interface DoraBucket {
  deployments: number;
  failed: number;
  rework: number;
  changes: number;
  leadTimes: ValueRuns;
  recoveries: ValueRuns;
  featureLatencies: ValueRuns;
}

const newBucket = (): DoraBucket => ({
  deployments: 0,
  failed: 0,
  rework: 0,
  changes: 0,
  leadTimes: new ValueRuns(),
  recoveries: new ValueRuns(),
  featureLatencies: new ValueRuns(),
});

function merge(into: DoraBucket, from: DoraBucket): void {
  into.deployments += from.deployments;
  into.failed += from.failed;
  into.rework += from.rework;
  into.changes += from.changes;
  into.leadTimes.addAll(from.leadTimes);
  into.recoveries.addAll(from.recoveries);
  into.featureLatencies.addAll(from.featureLatencies);
}

/** Failed deployment recovery time; a recovery logged before the deployment counts as 0. */
export function recoverySeconds(finishedAt: number, recoveredAt: number): number {
  return Math.max(0, recoveredAt - finishedAt) / 1000;
}

/** One service's deliveries: its production deployments' facts and its shipped changes. */
export function serviceDelivery(
  service: string,
  deployments: readonly DeploymentFacts[],
  changes: readonly ChangeFacts[],
  windows: readonly KpiWindow[],
  asOf: EpochMs,
): ServiceBuckets<DoraBucket> {
  const team = deployments[0]?.team ?? changes[0]?.team ?? "";
  return serviceBuckets(team, service, windows, asOf, newBucket, (route) => {
    for (const f of deployments) {
      const d = f.deployment;
      const failed = f.failure !== undefined;
      const rework = f.rework !== undefined;
      for (const b of route(d.finishedAt)) {
        b.deployments++;
        if (failed) b.failed++;
        if (rework) b.rework++;
      }
      const recoveredAt = f.failure?.recoveredAt;
      if (recoveredAt === undefined) continue;
      const seconds = recoverySeconds(d.finishedAt, recoveredAt);
      for (const b of route(recoveredAt)) b.recoveries.push(seconds);
    }
    for (const c of changes) {
      const leadTime = c.leadTimeMs / 1000;
      const latency = c.featureLatencyMs === undefined ? undefined : c.featureLatencyMs / 1000;
      for (const b of route(c.deployedAt)) {
        b.changes++;
        b.leadTimes.push(leadTime);
        if (latency !== undefined) b.featureLatencies.push(latency);
      }
    }
  });
}

/** Every service's deliveries merged into every scope, window by window. */
export function composeDelivery(
  windows: readonly KpiWindow[],
  services: Iterable<ServiceBuckets<DoraBucket>>,
): ScopedBuckets<DoraBucket>[] {
  return composeScopes(windows.length, services, newBucket, merge);
}

/** Deliveries per window and scope, from the whole analysis. */
export function deliveryBuckets(
  analysis: Analysis,
  windows: readonly KpiWindow[],
): ScopedBuckets<DoraBucket>[] {
  const deployments = byService(analysis.deployments, (f) => f.deployment.service);
  const changes = byService(analysis.changes, (c) => c.change.service);
  const services = new Set([...deployments.keys(), ...changes.keys()]);
  const built = [...services].map((service) =>
    serviceDelivery(
      service,
      deployments.get(service) ?? [],
      changes.get(service) ?? [],
      windows,
      analysis.asOf,
    ),
  );
  return composeDelivery(windows, built);
}
