import type { EngineConfig } from "../config/engine-config.ts";
import type { EpochMs, RecordSet } from "../domain/records.ts";
import { analyze } from "./analysis.ts";
import { withBranchPolicies } from "./branch-policies.ts";
import { complianceSamples } from "./compliance-kpis.ts";
import { costSamples } from "./cost.ts";
import { deliveryBuckets, deploymentCounterSamples, doraSamples } from "./dora.ts";
import { revenueSamples } from "./revenue.ts";
import { SampleSink } from "./sink.ts";
import type { KpiSnapshot } from "./snapshot-types.ts";
import { openVulnerabilitySamples, remediationSamples } from "./vulnerabilities.ts";

// Every KPI of the contract at every scope and window, at asOf. Pure: the same records,
// config and asOf always give the same samples in the same order.

export function computeSnapshot(
  records: RecordSet,
  configured: EngineConfig,
  asOf: EpochMs,
): KpiSnapshot {
  const config = withBranchPolicies(configured, records.branchPolicies);
  const analysis = analyze(records, config, asOf);
  const sink = new SampleSink();
  deploymentCounterSamples(records, config, asOf, sink);
  for (const window of config.windows) {
    const delivery = deliveryBuckets(analysis, window);
    doraSamples(delivery, window, config, sink);
    costSamples(records.costs, delivery, asOf, window, config, sink);
    complianceSamples(analysis, window, config, sink);
    remediationSamples(records.vulnerabilities, asOf, window, config, sink);
    revenueSamples(records.experiments, analysis, window, config, sink);
  }
  openVulnerabilitySamples(records.vulnerabilities, asOf, config, sink);
  return { asOf, samples: sink.samples() };
}
