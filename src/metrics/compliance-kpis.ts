import type { EngineConfig, KpiWindow } from "../config/engine-config.ts";
import { CONTROLS, KPI } from "../exporter/conventions.ts";
import type { Analysis } from "./analysis.ts";
import { anyControlEnabled } from "./compliance.ts";
import { ScopedBuckets } from "./scopes.ts";
import type { SampleSink } from "./sink.ts";
import { inWindow } from "./windows.ts";

// Compliance coverage and per-control pass ratio for one window (METRICS.md decision 21):
// coverage over every production deployment, a control's ratio over the deployments it
// applies to.

interface ComplianceBucket {
  deployments: number;
  compliant: number;
  applies: Map<string, number>;
  passes: Map<string, number>;
}

const newBucket = (): ComplianceBucket => ({
  deployments: 0,
  compliant: 0,
  applies: new Map(),
  passes: new Map(),
});

export function complianceSamples(
  analysis: Analysis,
  window: KpiWindow,
  config: EngineConfig,
  sink: SampleSink,
): void {
  if (!anyControlEnabled(config)) return;
  const scopes = new ScopedBuckets(newBucket);
  for (const f of analysis.deployments) {
    if (!inWindow(f.deployment.finishedAt, analysis.asOf, window)) continue;
    for (const b of scopes.bucketsFor(f.team, f.deployment.service)) {
      b.deployments++;
      if (f.compliant) b.compliant++;
      for (const v of f.controls) {
        b.applies.set(v.control, (b.applies.get(v.control) ?? 0) + 1);
        if (v.pass) b.passes.set(v.control, (b.passes.get(v.control) ?? 0) + 1);
      }
    }
  }
  for (const [scope, b] of scopes.entries()) {
    const labels = { ...scope, window: window.label };
    sink.addRatio(KPI.complianceCoverage, labels, b.compliant, b.deployments);
    for (const control of CONTROLS)
      sink.addRatio(
        KPI.controlPassRatio,
        { ...labels, control },
        b.passes.get(control) ?? 0,
        b.applies.get(control) ?? 0,
      );
  }
}
