import type { EngineConfig } from "../config/engine-config.ts";
import type { EpochMs, RecordSet } from "../domain/records.ts";
import { type Analysis, analyze } from "./analysis.ts";
import { withBranchPolicies } from "./branch-policies.ts";
import type { BucketSource } from "./bucket-source.ts";
import { complianceBuckets } from "./compliance-kpis.ts";
import { costBuckets } from "./cost.ts";
import { deliveryBuckets } from "./delivery-buckets.ts";
import { countDeployments, type DeploymentCount } from "./dora.ts";
import { type FamilyContext, KPI_FAMILIES } from "./families.ts";
import { findingSamples } from "./finding-samples.ts";
import type { ServicePart } from "./service-part.ts";
import { SampleSink } from "./sink.ts";
import type { KpiSnapshot } from "./snapshot-types.ts";
import { finish, type Steps } from "./steps.ts";

// Every KPI of the contract at every scope and window, at asOf. Pure: the same records,
// config and asOf always give the same samples in the same order.

export interface Analyzed {
  /** The config judged under: the configured one with discovered branch policies. */
  config: EngineConfig;
  analysis: Analysis;
}

/**
 * The facts behind the snapshot. Explanations and the evidence ledger start here, so they
 * read the very decisions the KPIs count.
 */
export function analyzeRecords(
  records: RecordSet,
  configured: EngineConfig,
  asOf: EpochMs,
): Analyzed {
  const config = withBranchPolicies(configured, records.branchPolicies);
  return { config, analysis: analyze(records, config, asOf) };
}

/** Every bucket built anew from the analysis and the records. */
const FRESH: BucketSource = {
  delivery: deliveryBuckets,
  compliance: complianceBuckets,
  costs: (records, asOf, windows, config) => costBuckets(records.costs, asOf, windows, config),
  findings: (records, asOf, windows, config) =>
    findingSamples(records.vulnerabilities, asOf, windows, config),
};

export function computeSnapshot(
  records: RecordSet,
  configured: EngineConfig,
  asOf: EpochMs,
): KpiSnapshot {
  return snapshotOf(records, analyzeRecords(records, configured, asOf));
}

/** The snapshot of an analysis of these records (its asOf), for callers that keep both. */
export function snapshotOf(records: RecordSet, analyzed: Analyzed): KpiSnapshot {
  return finish(sampleSteps(records, countDeployments(records, analyzed.analysis.asOf), analyzed));
}

/**
 * The same in steps, with the deployment counts the incremental engine's parts already
 * hold: a yield between each pass lets a serving process answer scrapes meanwhile.
 */
export function* snapshotSteps(
  records: RecordSet,
  parts: readonly ServicePart[],
  analyzed: Analyzed,
  countedEarlier: readonly DeploymentCount[] = [],
  buckets: BucketSource = FRESH,
): Steps<KpiSnapshot> {
  const counts: DeploymentCount[] = [...countedEarlier];
  for (const part of parts)
    for (const [environment, n] of part.succeeded)
      counts.push({ service: part.service, environment, n });
  return yield* sampleSteps(records, counts, analyzed, buckets);
}

function* sampleSteps(
  records: RecordSet,
  counts: readonly DeploymentCount[],
  { config, analysis }: Analyzed,
  source: BucketSource = FRESH,
): Steps<KpiSnapshot> {
  const { asOf } = analysis;
  // Items are routed to every window in one pass each; samples still come window by window.
  const delivery = source.delivery(analysis, config.windows);
  yield;
  const costs = source.costs(records, asOf, config.windows, config);
  yield;
  const compliance = source.compliance(analysis, config.windows, config);
  yield;
  const findings = source.findings(records, asOf, config.windows, config);
  yield;
  const buckets = { delivery, costs, compliance, findings, counts };
  const context: FamilyContext = {
    records,
    analysis,
    config,
    asOf,
    buckets,
    sink: new SampleSink(),
  };
  for (const [index, window] of config.windows.entries())
    for (const family of KPI_FAMILIES) {
      // One family at a time: DORA's quantiles over every change are a step of their own.
      family.perWindow?.({ ...context, window, index });
      yield;
    }
  for (const family of KPI_FAMILIES) family.atAsOf?.(context);
  return { asOf, samples: context.sink.samples() };
}
