import type { EngineConfig, KpiWindow } from "../config/engine-config.ts";
import type { EpochMs, RecordSet } from "../domain/records.ts";
import type { Analysis } from "./analysis-types.ts";
import type { ComplianceBucket } from "./compliance-kpis.ts";
import type { CostBucket } from "./cost.ts";
import type { DoraBucket } from "./delivery-buckets.ts";
import type { FindingSamples } from "./finding-samples.ts";
import type { ScopedBuckets } from "./scopes.ts";

/**
 * Where the snapshot's windowed buckets (and the findings' samples) come from: built anew
 * from the analysis and records, or kept by a serving process between snapshots where
 * nothing they count has changed.
 */
export interface BucketSource {
  delivery(analysis: Analysis, windows: readonly KpiWindow[]): ScopedBuckets<DoraBucket>[];
  compliance(
    analysis: Analysis,
    windows: readonly KpiWindow[],
    config: EngineConfig,
  ): ScopedBuckets<ComplianceBucket>[] | undefined;
  costs(
    records: RecordSet,
    asOf: EpochMs,
    windows: readonly KpiWindow[],
    config: EngineConfig,
  ): ScopedBuckets<CostBucket>[];
  findings(
    records: RecordSet,
    asOf: EpochMs,
    windows: readonly KpiWindow[],
    config: EngineConfig,
  ): FindingSamples;
}
