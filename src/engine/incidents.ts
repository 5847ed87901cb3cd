import type { EngineConfig, KpiWindow } from "../config/engine-config.ts";
import type { EpochMs, Incident } from "../domain/records.ts";
import { KPI } from "../vocabulary/kpi-catalogue.ts";
import { ScopedBuckets, teamOf } from "./scopes.ts";
import type { SampleSink } from "./sink.ts";
import { inWindow } from "./windows.ts";

// Incidents as the SRE sees them, whether or not a deployment caused them (METRICS.md,
// incidents): how many started in each window, and how many are open at asOf. Every
// catalogue service has its series, at 0 when it had none: no incidents is a result.

/** Buckets for every catalogue service, so quiet services count 0 rather than nothing. */
function seeded(config: EngineConfig): ScopedBuckets<{ n: number }> {
  const scopes = new ScopedBuckets(() => ({ n: 0 }));
  for (const [service, team] of config.serviceTeam) scopes.bucketsFor(team, service);
  return scopes;
}

function countInto(scopes: ScopedBuckets<{ n: number }>, config: EngineConfig, i: Incident) {
  for (const b of scopes.bucketsFor(teamOf(config.serviceTeam, i.service), i.service)) b.n++;
}

export function incidentSamples(
  incidents: readonly Incident[],
  asOf: EpochMs,
  window: KpiWindow,
  config: EngineConfig,
  sink: SampleSink,
): void {
  const scopes = seeded(config);
  for (const i of incidents) if (inWindow(i.startedAt, asOf, window)) countInto(scopes, config, i);
  for (const [scope, b] of scopes.entries())
    sink.add(KPI.incidents, { ...scope, window: window.label }, b.n);
}

/** Started at or before asOf and not resolved by then. */
export function openIncidentSamples(
  incidents: readonly Incident[],
  asOf: EpochMs,
  config: EngineConfig,
  sink: SampleSink,
): void {
  const scopes = seeded(config);
  for (const i of incidents)
    if (i.startedAt <= asOf && (i.resolvedAt === undefined || i.resolvedAt > asOf))
      countInto(scopes, config, i);
  for (const [scope, b] of scopes.entries()) sink.add(KPI.incidentsOpen, scope, b.n);
}
