import type { EngineConfig } from "../config/engine-config.ts";
import type { EpochMs, RecordSet } from "../domain/records.ts";
import type { Analysis } from "./analysis-types.ts";
import { assembleAnalysis, orderedParts } from "./assemble.ts";
import { analyzeService, type ServicePart } from "./service-part.ts";
import { WorkingSet } from "./working-set.ts";

// The full recompute: every service analysed afresh over a working set of these records,
// then assembled. The incremental engine (incremental.ts) shares every step but keeps the
// services no write touched.

export type { Analysis, ChangeFacts, DeploymentFacts } from "./analysis-types.ts";

/** Every service analysed afresh, then assembled: the full recompute. */
export function analyze(records: RecordSet, config: EngineConfig, asOf: EpochMs): Analysis {
  return analyzeWorkingSet(new WorkingSet(records), config, asOf);
}

export function analyzeWorkingSet(ws: WorkingSet, config: EngineConfig, asOf: EpochMs): Analysis {
  const parts = new Map<string, ServicePart>();
  for (const service of ws.services())
    parts.set(service, analyzeService(ws, service, config, asOf));
  return assembleAnalysis(orderedParts(parts), ws, config, asOf);
}
