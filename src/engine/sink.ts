import { type MetricDef, QUANTILES } from "../vocabulary/conventions.ts";
import { KPI } from "../vocabulary/kpi-catalogue.ts";
import { quantilesOf } from "./quantile.ts";
import type { Sample } from "./snapshot-types.ts";
import { ValueRuns } from "./value-runs.ts";

// Collects samples per metric so the snapshot lists them in the contract's order,
// whatever order the KPI modules compute them in.

export class SampleSink {
  private readonly byMetric = new Map<string, Sample[]>();

  /**
   * Adds a sample. A value that overflowed to ±Infinity (sums of extreme inputs) is left
   * out: one unrepresentable series must not stop every other KPI from being served.
   */
  add(def: MetricDef, labels: Record<string, string>, value: number): void {
    if (!Number.isFinite(value)) return;
    const list = this.byMetric.get(def.name);
    const sample = { name: def.name, labels, value };
    if (list) list.push(sample);
    else this.byMetric.set(def.name, [sample]);
  }

  /** Adds samples another sink made (they passed its checks), in their order. */
  addAll(samples: readonly Sample[]): void {
    for (const sample of samples) {
      const list = this.byMetric.get(sample.name);
      if (list) list.push(sample);
      else this.byMetric.set(sample.name, [sample]);
    }
  }

  /** p50 and p90 of `values`; no samples, no series. Returns the median, which levels grade. */
  addQuantiles(
    def: MetricDef,
    labels: Record<string, string>,
    values: ArrayLike<number> | ValueRuns,
  ): number | undefined {
    if (!values.length) return undefined;
    const found =
      values instanceof ValueRuns ? values.quantiles(QUANTILES) : quantilesOf(values, QUANTILES);
    for (const [i, q] of QUANTILES.entries())
      this.add(def, { ...labels, quantile: String(q) }, found[i] as number);
    return found[QUANTILES.indexOf(0.5)];
  }

  /** Adds numerator ÷ denominator, or nothing when the denominator is zero. */
  addRatio(
    def: MetricDef,
    labels: Record<string, string>,
    numerator: number,
    denominator: number,
  ): void {
    if (denominator > 0) this.add(def, labels, numerator / denominator);
  }

  samples(): Sample[] {
    const order = Object.values(KPI).map((def) => def.name);
    const rest = [...this.byMetric.keys()].filter((name) => !order.includes(name));
    return [...order, ...rest].flatMap((name) => this.byMetric.get(name) ?? []);
  }
}
