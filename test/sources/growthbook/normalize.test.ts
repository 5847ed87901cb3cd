import { expect, test } from "vitest";
import { toContractInput } from "../../../src/sources/experiments/result-record.ts";
import type { Experiment, ExperimentResults } from "../../../src/sources/growthbook/api.ts";
import { treatmentResults } from "../../../src/sources/growthbook/normalize.ts";

// Results of one experiment to treatment results, with literal GrowthBook shapes.

const experiment: Experiment = {
  id: "exp_1",
  trackingKey: "basket-upsell",
  status: "stopped",
  variations: [
    { variationId: "var_a", key: "0", name: "Control" },
    { variationId: "var_b", key: "1", name: "Upsell" },
  ],
};
const analysis = (mean: number, denominator: number, lift: number, lo: number, hi: number) => ({
  engine: "bayesian",
  numerator: mean * denominator,
  denominator,
  mean,
  percentChange: lift,
  ciLow: lo,
  ciHigh: hi,
});
const snapshot = (srm: number): ExperimentResults => ({
  id: "snp_1",
  experimentId: "exp_1",
  results: [
    {
      dimension: "All",
      checks: { srm },
      metrics: [
        { metricId: "met_clicks", variations: [] },
        {
          metricId: "fact__order_value",
          // Listed out of order on purpose: matched by variationId, not position.
          variations: [
            { variationId: "var_b", users: 900, analyses: [analysis(34, 800, -0.125, -0.25, 0)] },
            { variationId: "var_a", users: 1000, analyses: [analysis(32, 1000, 0, 0, 0)] },
          ],
        },
      ],
    },
  ],
});
const ctx = {
  changeId: "acme/shop#9",
  currency: "USD",
  revenueMetrics: new Set(["fact__order_value"]),
  srmThreshold: 0.001,
};

test("relative lift and its bounds become means and mean-difference bounds", () => {
  const outcome = treatmentResults(experiment, snapshot(0.2), ctx);
  expect(outcome).toEqual({
    results: [
      {
        id: "basket-upsell/1",
        changeId: "acme/shop#9",
        currency: "USD",
        metric: "fact__order_value",
        controlMean: 32,
        treatmentMean: 28, // 32 · (1 − 0.125)
        treatmentUnits: 800, // the ratio metric's denominator, not the 900 users
        liftLow: -0.25,
        liftHigh: 0,
      },
    ],
  });
  // ciLow = −0.25 · 32 = −8 and ciHigh = 0 per unit: estimate −4 · 800, bounds −6 400 and 0.
  const [result] = "results" in outcome ? outcome.results : [];
  expect(result && toContractInput(result)).toMatchObject({ ciLow: -8, ciHigh: 0 });
});

test("a failed sample-ratio check, or no revenue metric, is a skip with its reason", () => {
  expect(treatmentResults(experiment, snapshot(0.0009), ctx)).toMatchObject({
    reason: "sample_ratio_mismatch",
    skip: "sample ratio mismatch: p = 0.0009 < 0.001, traffic did not split as configured",
  });
  expect(
    treatmentResults(experiment, snapshot(0.2), { ...ctx, revenueMetrics: new Set(["met_x"]) }),
  ).toMatchObject({ reason: "no_revenue_metric" });
  expect(treatmentResults(experiment, { ...snapshot(0.2), results: [] }, ctx)).toMatchObject({
    reason: "no_results",
  });
});
