import type { EpochMs } from "../domain/records.ts";
import * as probes from "./horizon-probes.ts";
import * as ranges from "./horizon-ranges.ts";
import type { SqlExecutor } from "./sql.ts";
import { readPolicies } from "./sync-state.ts";

// The reads of a bounded working set bound to one transaction, so every answer comes from
// the same view of the store, at the write sequence number `seq`.

export function horizonReads<View>(
  tx: SqlExecutor,
  seq: number,
  /** What was written after `afterSeq` and up to `seq`, as changesSince reads it. */
  changesSince: (afterSeq: number) => Promise<View>,
) {
  return {
    seq,
    changesSince,
    services: () => probes.storedServices(tx),
    environments: () => probes.storedEnvironments(tx),
    anchorCandidates: (
      environments: readonly string[],
      horizons: ReadonlyArray<{ service: string; before: EpochMs }>,
      k: number,
    ) => probes.anchorCandidates(tx, environments, horizons, k),
    deployedBefore: (
      environments: readonly string[],
      questions: readonly probes.CommitQuestion[],
    ) => probes.deployedBefore(tx, environments, questions),
    earliestListerBefore: (
      environments: readonly string[],
      service: string,
      changeIds: readonly string[],
      before: ranges.FinishPoint,
    ) => probes.earliestListerBefore(tx, environments, service, changeIds, before),
    deploymentRefs: (
      environments: readonly string[],
      ids: readonly string[],
      prefixes: readonly string[],
      marked?: readonly string[],
    ) => probes.deploymentRefs(tx, environments, ids, prefixes, marked),
    deploymentsStoredAt: (ids: readonly string[], atSeq: number) =>
      probes.deploymentsStoredAt(tx, ids, atSeq),
    changeRefs: (ids: readonly string[]) => probes.changeRefs(tx, ids),
    successesBefore: (starts: ReadonlyArray<{ service: string; from: ranges.FinishPoint }>) =>
      probes.successesBefore(tx, starts),
    deploymentsIn: (r: readonly ranges.DeploymentRange[]) => ranges.deploymentsIn(tx, r),
    changesIn: (r: readonly ranges.TimeRange[]) => ranges.changesIn(tx, r),
    incidentsIn: (r: readonly ranges.TimeRange[]) => ranges.incidentsIn(tx, r),
    incidentsFrom: (horizon: EpochMs) => ranges.incidentsFrom(tx, horizon),
    incidentsReferring: (refs: ranges.IncidentReferences) => ranges.incidentsReferring(tx, refs),
    vulnerabilitiesFrom: (horizon: EpochMs) => ranges.vulnerabilitiesFrom(tx, horizon),
    vulnerabilityPerService: () => ranges.vulnerabilityPerService(tx),
    costsFrom: (horizon: EpochMs) => ranges.costsFrom(tx, horizon),
    checksOf: (shas: readonly string[]) => ranges.checksOf(tx, shas),
    experimentsOf: (changeIds: readonly string[]) => ranges.experimentsOf(tx, changeIds),
    branchPolicies: () => readPolicies(tx),
  };
}

/** The reads with changesSince answering View (the store names it: StoreView). */
export type HorizonReadsOf<View> = ReturnType<typeof horizonReads<View>>;
