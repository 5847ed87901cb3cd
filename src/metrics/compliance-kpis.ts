import type { EngineConfig, KpiWindow } from "../config/engine-config.ts";
import { CONTROLS, KPI } from "../exporter/conventions.ts";
import type { Analysis } from "./analysis.ts";
import { anyControlEnabled } from "./compliance.ts";
import type { ScopedBuckets } from "./scopes.ts";
import type { SampleSink } from "./sink.ts";
import { WindowedScopes } from "./windowed-scopes.ts";

// Compliance coverage and per-control pass ratio for one window (METRICS.md decision 21):
// coverage over every production deployment, a control's ratio over the deployments it
// applies to.

interface ComplianceBucket {
  deployments: number;
  compliant: number;
  /** Per control, in CONTROLS order: deployments it applies to, and passes. */
  applies: number[];
  passes: number[];
}

const newBucket = (): ComplianceBucket => ({
  deployments: 0,
  compliant: 0,
  applies: CONTROLS.map(() => 0),
  passes: CONTROLS.map(() => 0),
});

const CONTROL_INDEX = new Map<string, number>(CONTROLS.map((control, i) => [control, i]));

/** Compliance per window and scope, counted in one pass over the deployments. */
export function complianceBuckets(
  analysis: Analysis,
  windows: readonly KpiWindow[],
  config: EngineConfig,
): ScopedBuckets<ComplianceBucket>[] | undefined {
  if (!anyControlEnabled(config)) return undefined;
  const scopes = new WindowedScopes(windows, analysis.asOf, newBucket);
  for (const f of analysis.deployments) {
    // Bit i: control i applies (passes); no array per deployment.
    let applies = 0;
    let passes = 0;
    for (const v of f.controls) {
      const bit = 1 << (CONTROL_INDEX.get(v.control) as number);
      applies |= bit;
      if (v.pass) passes |= bit;
    }
    for (const b of scopes.bucketsAt(f.deployment.finishedAt, f.team, f.deployment.service)) {
      b.deployments++;
      if (f.compliant) b.compliant++;
      for (let i = 0; applies >> i !== 0; i++) {
        if (((applies >> i) & 1) === 0) continue;
        (b.applies[i] as number)++;
        if ((passes >> i) & 1) (b.passes[i] as number)++;
      }
    }
  }
  return scopes.scopes;
}

export function complianceSamples(
  scopes: ScopedBuckets<ComplianceBucket>[] | undefined,
  index: number,
  window: KpiWindow,
  sink: SampleSink,
): void {
  const buckets = scopes?.[index];
  if (!buckets) return;
  for (const [scope, b] of buckets.entries()) {
    const labels = { ...scope, window: window.label };
    sink.addRatio(KPI.complianceCoverage, labels, b.compliant, b.deployments);
    for (const [i, control] of CONTROLS.entries())
      sink.addRatio(
        KPI.controlPassRatio,
        { ...labels, control },
        b.passes[i] as number,
        b.applies[i] as number,
      );
  }
}
