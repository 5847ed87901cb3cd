import { z } from "zod";

// The documented answer of OpenCost's GET /cloudCost (opencost.io, API and API Examples):
//   { "code": 200, "data": { "sets": [ { "cloudCosts": { KEY: item, … } | null,
//     "window": {start, end}, "aggregationProperties": [...] } ], "window": {…} } }
// where an item is { properties: {providerID, provider, accountID, accountName,
// invoiceEntityID, invoiceEntityName, regionID, availabilityZone, service, category,
// labels}, window: {start, end}, listCost, netCost, amortizedNetCost, invoicedCost,
// amortizedCost }, each cost {cost, kubernetesPercent}. Unknown fields are ignored, so a
// newer OpenCost that adds some still reads.

const text = z.string().optional();

const costMetric = z.object({ cost: z.number(), kubernetesPercent: z.number().optional() });

export const cloudCostItem = z.object({
  properties: z.object({
    providerID: text,
    provider: text,
    accountID: text,
    invoiceEntityID: text,
    service: text,
    category: text,
    labels: z.record(z.string(), z.string()).nullish(),
  }),
  window: z.object({
    start: z.iso.datetime({ offset: true }),
    end: z.iso.datetime({ offset: true }),
  }),
  amortizedNetCost: costMetric,
});

export const cloudCostResponse = z.object({
  code: z.number(),
  message: z.string().optional(),
  data: z
    .object({
      sets: z.array(z.object({ cloudCosts: z.record(z.string(), z.unknown()).nullable() })),
    })
    .nullish(),
});

export type CloudCostItem = z.infer<typeof cloudCostItem>;
export type CloudCostResponse = z.infer<typeof cloudCostResponse>;
