import type { ExperimentResult } from "../domain/records.ts";
import type { ShippedFeature } from "./delivery.ts";
import { randomStream } from "./random.ts";
import type { DemoSpan } from "./time.ts";
import { DAY } from "./time.ts";

// A/B test results of feature changes, as GrowthBook reports them once converted to
// absolute means. Every service has one on a feature shipped in the last week (so
// the 7d revenue KPIs have data at every scope); a few older ones add history, one of
// them without confidence bounds — then low/high are not exported for the windows
// holding them (METRICS.md decision 25).

interface Metric {
  name: string;
  /** Typical control mean in EUR per unit. */
  mean: number;
}

const METRIC_OF_TEAM: Record<string, Metric> = {
  payments: { name: "revenue_per_checkout", mean: 46 },
  lending: { name: "interest_revenue_per_applicant", mean: 12 },
  platform: { name: "revenue_per_session", mean: 1.8 },
  mobile: { name: "revenue_per_active_user", mean: 3.2 },
};

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

export function demoExperiments(
  features: Array<ShippedFeature & { team: string }>,
  span: DemoSpan,
  seed: number,
): ExperimentResult[] {
  const random = randomStream(seed, "experiments");
  const recent = new Map<string, ShippedFeature & { team: string }>();
  for (const f of features) if (f.deployedAt > span.asOf - 7 * DAY) recent.set(f.change.service, f);
  const older = features.filter(
    (f) => f.deployedAt <= span.asOf - 8 * DAY && f.deployedAt > span.asOf - 90 * DAY,
  );
  const unbounded = older.filter((f) => f.deployedAt <= span.asOf - 31 * DAY);
  const chosen: Array<[ShippedFeature & { team: string }, boolean]> = [...recent.values()].map(
    (f) => [f, true],
  );
  for (let n = 0; n < 4 && older.length; n++) chosen.push([random.pick(older), true]);
  for (let n = 0; n < 1 && unbounded.length; n++) chosen.push([random.pick(unbounded), false]);
  const seen = new Set<string>();
  return chosen.flatMap(([feature, bounded], n) => {
    if (seen.has(feature.change.id)) return [];
    seen.add(feature.change.id);
    const metric = METRIC_OF_TEAM[feature.team] ?? { name: "revenue_per_user", mean: 5 };
    const controlMean = metric.mean * random.between(0.9, 1.1);
    const difference = controlMean * random.between(-0.01, 0.04);
    const halfWidth = 1.96 * controlMean * random.between(0.004, 0.012);
    const result: ExperimentResult = {
      id: `exp-${feature.change.service}-${String(n + 1).padStart(3, "0")}`,
      changeId: feature.change.id,
      currency: "EUR",
      controlMean: round4(controlMean),
      treatmentMean: round4(controlMean + difference),
      treatmentUnits: random.int(4_000, 60_000),
      metric: metric.name,
    };
    if (bounded) {
      result.ciLow = round4(difference - halfWidth);
      result.ciHigh = round4(difference + halfWidth);
    }
    return [result];
  });
}
