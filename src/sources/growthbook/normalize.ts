import type { TreatmentResult } from "../experiments/result-record.ts";
import type { Experiment, ExperimentResults, VariationResult } from "./api.ts";

// One stopped experiment's latest results → one result per treatment variation, for its
// first revenue metric. Pure: the collector fetched everything and resolved the change.
//
// - The control is the experiment's first variation (GrowthBook's convention); results
//   list variations in the experiment's order, matched here by variationId.
// - GrowthBook's default analysis reports the relative lift (percentChange, with ciLow and
//   ciHigh bounding it). The treatment mean is the control mean moved by that lift, so the
//   estimate and its bounds come from the same (possibly CUPED-adjusted) analysis.
// - Units are the analysis denominator (users for a mean metric, the denominator metric for
//   a ratio metric), so mean × units is the variation's total, as numerator is.

export interface NormalizeContext {
  changeId: string;
  currency: string;
  revenueMetrics: ReadonlySet<string>;
  srmThreshold: number;
}

export type Outcome =
  | { results: TreatmentResult[] }
  | { skip: string; reason: "sample_ratio_mismatch" | "no_revenue_metric" | "no_results" };

const keyOf = (e: Experiment) => e.trackingKey || e.id;

export function treatmentResults(
  e: Experiment,
  snapshot: ExperimentResults,
  ctx: NormalizeContext,
): Outcome {
  const overall = snapshot.results[0];
  if (!overall) return { skip: "the latest snapshot has no results", reason: "no_results" };
  const srm = overall.checks.srm;
  if (srm < ctx.srmThreshold)
    return {
      skip: `sample ratio mismatch: p = ${srm} < ${ctx.srmThreshold}, traffic did not split as configured`,
      reason: "sample_ratio_mismatch",
    };
  const metric = overall.metrics.find((m) => ctx.revenueMetrics.has(m.metricId));
  if (!metric)
    return { skip: "none of its metrics is a revenue metric", reason: "no_revenue_metric" };
  const byId = new Map(metric.variations.map((v) => [v.variationId, v]));
  const ordered = e.variations.map((v) => ({ variation: v, result: byId.get(v.variationId) }));
  const control = ordered[0]?.result?.analyses[0];
  if (!control) return { skip: "no result for the control variation", reason: "no_results" };
  const results: TreatmentResult[] = [];
  for (const { variation, result } of ordered.slice(1)) {
    const a = result?.analyses[0];
    if (!result || !a) continue;
    results.push({
      id: `${keyOf(e)}/${variation.key || variation.variationId}`,
      changeId: ctx.changeId,
      currency: ctx.currency,
      metric: metric.metricId,
      controlMean: control.mean,
      treatmentMean: control.mean * (1 + a.percentChange),
      treatmentUnits: unitsOf(result),
      liftLow: a.ciLow,
      liftHigh: a.ciHigh,
    });
  }
  return { results };
}

function unitsOf(v: VariationResult): number {
  const a = v.analyses[0];
  return a && a.denominator > 0 ? a.denominator : (v.users ?? 0);
}
