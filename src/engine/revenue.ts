import type { EngineConfig, KpiWindow } from "../config/engine-config.ts";
import type { ExperimentResult } from "../domain/records.ts";
import { KPI } from "../vocabulary/kpi-catalogue.ts";
import type { Analysis } from "./analysis.ts";
import { ScopedBuckets, teamOf } from "./scopes.ts";
import type { SampleSink } from "./sink.ts";
import { inWindow } from "./windows.ts";

// Revenue impact of changes deployed in the window, from their experiment results
// (contract §3; METRICS.md decision 25).

interface RevenueBucket {
  estimate: number;
  low: number;
  high: number;
  allBounded: boolean;
  changes: Set<string>;
}

const newBucket = (): RevenueBucket => ({
  estimate: 0,
  low: 0,
  high: 0,
  allBounded: true,
  changes: new Set(),
});

export function revenueSamples(
  experiments: ExperimentResult[],
  analysis: Analysis,
  window: KpiWindow,
  config: EngineConfig,
  sink: SampleSink,
): void {
  const scopes = new ScopedBuckets(newBucket);
  for (const e of experiments) {
    const deployment = analysis.deploymentOfChange.get(e.changeId);
    if (!deployment || !inWindow(deployment.finishedAt, analysis.asOf, window)) continue;
    const team = teamOf(config.serviceTeam, deployment.service);
    for (const b of scopes.bucketsFor(team, deployment.service)) {
      b.estimate += (e.treatmentMean - e.controlMean) * e.treatmentUnits;
      if (e.ciLow === undefined || e.ciHigh === undefined) b.allBounded = false;
      else {
        b.low += e.ciLow * e.treatmentUnits;
        b.high += e.ciHigh * e.treatmentUnits;
      }
      b.changes.add(e.changeId);
    }
  }
  const currency = config.currency;
  for (const [scope, b] of scopes.entries()) {
    const labels = { ...scope, window: window.label, currency };
    sink.add(KPI.revenueImpact, { ...labels, bound: "estimate" }, b.estimate);
    if (b.allBounded) {
      sink.add(KPI.revenueImpact, { ...labels, bound: "low" }, b.low);
      sink.add(KPI.revenueImpact, { ...labels, bound: "high" }, b.high);
    }
    sink.add(KPI.revenuePerChange, labels, b.estimate / b.changes.size);
  }
}
