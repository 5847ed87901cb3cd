import { z } from "zod";

// The parts of GrowthBook's REST API v1 the collector reads (OpenAPI in growthbook/growthbook,
// packages/back-end/src/api/openapi: Experiment.yaml, ExperimentResults.yaml, Metric.yaml,
// PaginationFields.yaml). Other fields are ignored; a missing one names its path.

const page = { hasMore: z.boolean(), nextOffset: z.number().int().nullish() };

export const experimentSchema = z.object({
  id: z.string().min(1),
  trackingKey: z.string().nullish(),
  name: z.string().nullish(),
  status: z.string(),
  description: z.string().nullish(),
  hypothesis: z.string().nullish(),
  tags: z.array(z.string()).nullish(),
  linkedFeatures: z.array(z.string()).nullish(),
  variations: z.array(
    z.object({ variationId: z.string(), key: z.string().nullish(), name: z.string().nullish() }),
  ),
});
export type Experiment = z.output<typeof experimentSchema>;

export const experimentsPage = z.object({ experiments: z.array(experimentSchema), ...page });
export const metricsPage = z.object({
  metrics: z.array(z.object({ id: z.string(), type: z.string() })),
  ...page,
});

const analysis = z.object({
  engine: z.string().nullish(),
  numerator: z.number(),
  denominator: z.number(),
  mean: z.number(),
  percentChange: z.number(),
  ciLow: z.number(),
  ciHigh: z.number(),
});

const variationResult = z.object({
  variationId: z.string(),
  users: z.number().nullish(),
  analyses: z.array(analysis),
});
export type VariationResult = z.output<typeof variationResult>;

export const resultsSchema = z.object({
  id: z.string(),
  dateUpdated: z.string().nullish(),
  experimentId: z.string(),
  phase: z.string().nullish(),
  results: z.array(
    z.object({
      dimension: z.string().nullish(),
      totalUsers: z.number().nullish(),
      checks: z.object({ srm: z.number() }),
      metrics: z.array(z.object({ metricId: z.string(), variations: z.array(variationResult) })),
    }),
  ),
});
export type ExperimentResults = z.output<typeof resultsSchema>;

/** GET /experiments/{id}/results answers `{ result }`; without a snapshot there is none. */
export const resultsResponse = z.object({ result: resultsSchema.nullish() });
