import type { EngineConfig, KpiWindow } from "../config/engine-config.ts";
import { CONTROLS, KPI } from "../exporter/conventions.ts";
import type { Analysis } from "./analysis.ts";
import { anyControlEnabled } from "./compliance.ts";
import type { ScopedBuckets } from "./scopes.ts";
import type { SampleSink } from "./sink.ts";
import { WindowedScopes } from "./windowed-scopes.ts";

// Compliance coverage, per-control pass ratio and per-control not-evaluable ratio for one
// window (METRICS.md decisions 21 and 128): coverage over every production deployment, a
// control's ratios over the deployments it judged.

interface ComplianceBucket {
  deployments: number;
  compliant: number;
  /** Per control, in CONTROLS order: deployments it judged, passes, and not evaluable. */
  applies: number[];
  passes: number[];
  notEvaluable: number[];
}

const newBucket = (): ComplianceBucket => ({
  deployments: 0,
  compliant: 0,
  applies: CONTROLS.map(() => 0),
  passes: CONTROLS.map(() => 0),
  notEvaluable: CONTROLS.map(() => 0),
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
    // Bit i: control i applies (passes, is not evaluable); no array per deployment.
    let applies = 0;
    let passes = 0;
    let notEvaluable = 0;
    for (const v of f.controls) {
      const bit = 1 << (CONTROL_INDEX.get(v.control) as number);
      applies |= bit;
      if (v.pass) passes |= bit;
      else if (v.verdict === "not_evaluable") notEvaluable |= bit;
    }
    for (const b of scopes.bucketsAt(f.deployment.finishedAt, f.team, f.deployment.service)) {
      b.deployments++;
      if (f.compliant) b.compliant++;
      for (let i = 0; applies >> i !== 0; i++) {
        if (((applies >> i) & 1) === 0) continue;
        (b.applies[i] as number)++;
        if ((passes >> i) & 1) (b.passes[i] as number)++;
        else if ((notEvaluable >> i) & 1) (b.notEvaluable[i] as number)++;
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
    for (const [i, control] of CONTROLS.entries()) {
      const judged = b.applies[i] as number;
      const controlLabels = { ...labels, control };
      sink.addRatio(KPI.controlPassRatio, controlLabels, b.passes[i] as number, judged);
      sink.addRatio(
        KPI.controlNotEvaluableRatio,
        controlLabels,
        b.notEvaluable[i] as number,
        judged,
      );
    }
  }
}
