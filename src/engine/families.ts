import type { EngineConfig, KpiWindow } from "../config/engine-config.ts";
import type { EpochMs, RecordSet } from "../domain/records.ts";
import type { Analysis } from "./analysis-types.ts";
import type { ComplianceBucket } from "./compliance-kpis.ts";
import { complianceSamples } from "./compliance-kpis.ts";
import { type CostBucket, costSamples } from "./cost.ts";
import type { DoraBucket } from "./delivery-buckets.ts";
import { type DeploymentCount, deploymentCounterSamples, doraSamples } from "./dora.ts";
import type { FindingSamples } from "./finding-samples.ts";
import { incidentSamples, openIncidentSamples } from "./incidents.ts";
import { revenueSamples } from "./revenue.ts";
import type { ScopedBuckets } from "./scopes.ts";
import type { SampleSink } from "./sink.ts";

// The KPI families of a snapshot, as one table: each family writes its samples from one
// context, per window or once at asOf. The sink orders samples by the catalogue, so the
// table's order only decides which family runs first, never the exposition.

/** What the snapshot's passes built once and every family may read. */
export interface SharedBuckets {
  /** Per window, in the config's order. */
  delivery: ScopedBuckets<DoraBucket>[];
  costs: ScopedBuckets<CostBucket>[];
  compliance: ScopedBuckets<ComplianceBucket>[] | undefined;
  findings: FindingSamples;
  /** Successful deployments per service and environment at asOf. */
  counts: readonly DeploymentCount[];
}

export interface FamilyContext {
  records: RecordSet;
  analysis: Analysis;
  config: EngineConfig;
  asOf: EpochMs;
  buckets: SharedBuckets;
  sink: SampleSink;
}

export interface WindowContext extends FamilyContext {
  window: KpiWindow;
  /** The window's position in the config, which indexes every per-window bucket list. */
  index: number;
}

export interface KpiFamily {
  name: string;
  /** The family's samples of one window. */
  perWindow?(ctx: WindowContext): void;
  /** The family's samples with no window: counters and what is open at asOf. */
  atAsOf?(ctx: FamilyContext): void;
}

const delivery = (c: WindowContext) => c.buckets.delivery[c.index] as ScopedBuckets<DoraBucket>;

export const KPI_FAMILIES: readonly KpiFamily[] = [
  {
    name: "deployments",
    atAsOf: (c) => deploymentCounterSamples(c.buckets.counts, c.config, c.sink),
  },
  { name: "dora", perWindow: (c) => doraSamples(delivery(c), c.window, c.config, c.sink) },
  {
    name: "cost",
    perWindow: (c) => {
      const costs = c.buckets.costs[c.index] as ScopedBuckets<CostBucket>;
      costSamples(costs, delivery(c), c.window, c.config, c.sink);
    },
  },
  {
    name: "compliance",
    perWindow: (c) => complianceSamples(c.buckets.compliance, c.index, c.window, c.sink),
  },
  {
    name: "vulnerabilities",
    perWindow: (c) => c.sink.addAll(c.buckets.findings.remediation[c.index] ?? []),
    atAsOf: (c) => c.sink.addAll(c.buckets.findings.open),
  },
  {
    name: "revenue",
    perWindow: (c) => revenueSamples(c.records.experiments, c.analysis, c.window, c.config, c.sink),
  },
  {
    name: "incidents",
    perWindow: (c) => incidentSamples(c.records.incidents, c.asOf, c.window, c.config, c.sink),
    atAsOf: (c) => openIncidentSamples(c.records.incidents, c.asOf, c.config, c.sink),
  },
];
