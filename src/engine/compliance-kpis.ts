import type { EngineConfig, KpiWindow } from "../config/engine-config.ts";
import type { EpochMs } from "../domain/records.ts";
import { CONTROLS } from "../vocabulary/conventions.ts";
import { KPI } from "../vocabulary/kpi-catalogue.ts";
import type { Analysis, DeploymentFacts } from "./analysis-types.ts";
import { anyControlEnabled } from "./compliance.ts";
import type { ScopedBuckets } from "./scopes.ts";
import {
  byService,
  composeScopes,
  type ServiceBuckets,
  serviceBuckets,
} from "./service-buckets.ts";
import type { SampleSink } from "./sink.ts";

// Compliance coverage, per-control pass ratio and per-control not-evaluable ratio for one
// window (METRICS.md decisions 21 and 128): coverage over every production deployment, a
// control's ratios over the deployments it judged.

export interface ComplianceBucket {
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

function merge(into: ComplianceBucket, from: ComplianceBucket): void {
  into.deployments += from.deployments;
  into.compliant += from.compliant;
  for (let i = 0; i < CONTROLS.length; i++) {
    (into.applies[i] as number) += from.applies[i] as number;
    (into.passes[i] as number) += from.passes[i] as number;
    (into.notEvaluable[i] as number) += from.notEvaluable[i] as number;
  }
}

/** What compliance counts of a production deployment; its service's part decides it. */
export type JudgedDeployment = Pick<DeploymentFacts, "deployment" | "controls" | "compliant">;

/** One service's compliance counts, window by window. */
export function serviceCompliance(
  team: string,
  service: string,
  deployments: readonly JudgedDeployment[],
  windows: readonly KpiWindow[],
  asOf: EpochMs,
): ServiceBuckets<ComplianceBucket> {
  return serviceBuckets(team, service, windows, asOf, newBucket, (route) => {
    for (const f of deployments) {
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
      for (const b of route(f.deployment.finishedAt)) {
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
  });
}

/** Every service's compliance merged into every scope, window by window. */
export function composeCompliance(
  windows: readonly KpiWindow[],
  services: Iterable<ServiceBuckets<ComplianceBucket>>,
): ScopedBuckets<ComplianceBucket>[] {
  return composeScopes(windows.length, services, newBucket, merge);
}

/** Compliance per window and scope, from the whole analysis; none when no control is on. */
export function complianceBuckets(
  analysis: Analysis,
  windows: readonly KpiWindow[],
  config: EngineConfig,
): ScopedBuckets<ComplianceBucket>[] | undefined {
  if (!anyControlEnabled(config)) return undefined;
  const services = byService(analysis.deployments, (f) => f.deployment.service);
  const built = [...services].map(([service, facts]) =>
    serviceCompliance(facts[0]?.team ?? "", service, facts, windows, analysis.asOf),
  );
  return composeCompliance(windows, built);
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
