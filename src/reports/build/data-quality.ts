import type { EngineConfig } from "../../config/engine-config.ts";
import type { EpochMs, RecordSet } from "../../domain/records.ts";
import { inWindow } from "../../engine/windows.ts";
import type { CollectorFailureDay } from "../../store/collector-failures.ts";
import type { DataQuality, FailedSource, ServiceWithoutData } from "../model.ts";
import { iso } from "../quarter.ts";
import type { Evaluated } from "./evaluate.ts";
import { SPEC } from "./kpi-specs.ts";

// What a reader should know before trusting the numbers: how much cost no service claims,
// which catalogue services sent nothing this quarter, which sources failed during it.

/** Services that are in the catalogue and in scope but have no record dated in the window. */
function servicesWithoutData(
  records: RecordSet,
  engine: EngineConfig,
  now: Evaluated,
  team: string | undefined,
): ServiceWithoutData[] {
  const { asOf, window } = now.evaluation;
  const active = new Set<string>();
  const seen = (service: string | undefined, t: EpochMs | undefined) => {
    if (service !== undefined && t !== undefined && inWindow(t, asOf, window)) active.add(service);
  };
  for (const d of records.deployments) seen(d.service, d.finishedAt);
  for (const c of records.changes) seen(c.service, c.mergedAt);
  for (const i of records.incidents) seen(i.service, i.startedAt);
  for (const c of records.checks) seen(c.service, c.completedAt);
  for (const c of records.costs) seen(c.service, c.periodStart);
  for (const v of records.vulnerabilities) {
    seen(v.service, v.openedAt);
    seen(v.service, v.fixedAt);
    seen(v.service, v.dismissedAt);
  }
  return [...engine.serviceTeam]
    .filter(([service, owner]) => (team === undefined || owner === team) && !active.has(service))
    .map(([service, owner]) => ({ team: owner, service }))
    .sort((a, b) => (a.team === b.team ? cmp(a.service, b.service) : cmp(a.team, b.team)));
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Failure days folded per collector. */
function failedSources(days: readonly CollectorFailureDay[]): FailedSource[] {
  const byCollector = new Map<string, FailedSource & { at: EpochMs }>();
  for (const day of days) {
    const known = byCollector.get(day.collector);
    if (!known) {
      byCollector.set(day.collector, {
        collector: day.collector,
        failedRuns: day.failures,
        lastFailureAt: iso(day.lastFailedAt),
        lastError: day.lastError,
        at: day.lastFailedAt,
      });
      continue;
    }
    known.failedRuns += day.failures;
    if (day.lastFailedAt > known.at) {
      known.at = day.lastFailedAt;
      known.lastFailureAt = iso(day.lastFailedAt);
      known.lastError = day.lastError;
    }
  }
  return [...byCollector.values()]
    .sort((a, b) => cmp(a.collector, b.collector))
    .map(({ at: _at, ...source }) => source);
}

export interface DataQualityInput {
  records: RecordSet;
  engine: EngineConfig;
  now: Evaluated;
  team: string | undefined;
  failures: readonly CollectorFailureDay[];
}

export function dataQuality(input: DataQualityInput): DataQuality {
  const { records, now, team } = input;
  const { asOf, window } = now.evaluation;
  const attribution = now.samples.get(SPEC.attribution, {});
  let unattributed = 0;
  let rows = 0;
  for (const c of records.costs)
    if (inWindow(c.periodStart, asOf, window)) {
      rows++;
      if (c.service === undefined) unattributed += c.amount;
    }
  const notes = [
    "Failed sources are collector runs recorded as failed by serve, demo or sync; files and events imported through the command line or the API are not collector runs.",
  ];
  if (team !== undefined)
    notes.push("Unattributed cost belongs to no service, so its share is the organisation's.");
  if (now.evaluation.toDate)
    notes.push(
      `The quarter had not ended: values are quarter to date at ${iso(asOf)}, compared with the same number of days of the previous quarter.`,
    );
  return {
    unattributedCostShare: attribution === null ? null : 1 - attribution,
    unattributedCost: rows ? unattributed : null,
    servicesWithoutData: servicesWithoutData(records, input.engine, now, team),
    failedSources: failedSources(input.failures),
    notes,
  };
}
