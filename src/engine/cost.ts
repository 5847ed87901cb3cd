import type { EngineConfig, KpiWindow } from "../config/engine-config.ts";
import type { CostRow, EpochMs } from "../domain/records.ts";
import { KPI } from "../vocabulary/kpi-catalogue.ts";
import type { DoraBucket } from "./delivery-buckets.ts";
import { compare, type ScopedBuckets, teamOf } from "./scopes.ts";
import type { SampleSink } from "./sink.ts";
import type { WindowCrossings } from "./window-crossings.ts";
import { WindowedScopes } from "./windowed-scopes.ts";

// Cost, cost per deployment and per change, attribution and control cost for one window.
// Rows no service claims count at organisation scope only (contract §3).

export interface CostBucket {
  rows: number;
  /** Per category, summed in row order. Fields, not a Map: a million rows pass here. */
  cloud: number | undefined;
  ci: number | undefined;
  byControl: Map<string, number>;
  total: number;
  /** The part of total that a service claims (the organisation's attribution ratio). */
  attributed: number;
}

const newBucket = (): CostBucket => ({
  rows: 0,
  cloud: undefined,
  ci: undefined,
  byControl: new Map(),
  total: 0,
  attributed: 0,
});

function addRow(b: CostBucket, row: CostRow): void {
  b.rows++;
  b.total += row.amount;
  if (row.service !== undefined) b.attributed += row.amount;
  if (row.category === "ci") b.ci = (b.ci ?? 0) + row.amount;
  else b.cloud = (b.cloud ?? 0) + row.amount;
  // kpi_control_cost is the CI cost of the jobs implementing a control (contract §4).
  if (row.control !== undefined && row.category === "ci")
    b.byControl.set(row.control, (b.byControl.get(row.control) ?? 0) + row.amount);
}

/** The categories a bucket holds, in name order, with their sums. */
function categories(b: CostBucket): Array<[string, number]> {
  const present: Array<[string, number]> = [];
  if (b.ci !== undefined) present.push(["ci", b.ci]);
  if (b.cloud !== undefined) present.push(["cloud", b.cloud]);
  return present;
}

/**
 * Cost per window and scope, summed in one pass over the rows, in their order. `crossings`,
 * when given, sees every row's instant, so a caller knows how long the sums hold.
 */
export function costBuckets(
  costs: readonly CostRow[],
  asOf: EpochMs,
  windows: readonly KpiWindow[],
  config: EngineConfig,
  crossings?: WindowCrossings,
): ScopedBuckets<CostBucket>[] {
  const scopes = new WindowedScopes(windows, asOf, newBucket);
  for (const row of costs) {
    crossings?.see(row.periodStart);
    const team = row.service === undefined ? undefined : teamOf(config.serviceTeam, row.service);
    for (const b of scopes.bucketsAt(row.periodStart, team, row.service)) addRow(b, row);
  }
  return scopes.scopes;
}

export function costSamples(
  scopes: ScopedBuckets<CostBucket>,
  delivery: ScopedBuckets<DoraBucket>,
  window: KpiWindow,
  config: EngineConfig,
  sink: SampleSink,
): void {
  const currency = config.currency;
  for (const [scope, b] of scopes.entries()) {
    if (!b.rows) continue;
    const labels = { ...scope, window: window.label };
    for (const [category, amount] of categories(b))
      sink.add(KPI.cost, { ...labels, currency, category }, amount);
    if (!Object.keys(scope).length)
      // The organisation's bucket holds every row of the window, claimed or not.
      sink.addRatio(KPI.costAttributionRatio, { window: window.label }, b.attributed, b.total);
    const deliveries = delivery.get(scope);
    sink.addRatio(
      KPI.costPerDeployment,
      { ...labels, currency },
      b.total,
      deliveries?.deployments ?? 0,
    );
    sink.addRatio(KPI.costPerChange, { ...labels, currency }, b.total, deliveries?.changes ?? 0);
    for (const control of [...b.byControl.keys()].sort(compare))
      sink.add(
        KPI.controlCost,
        { ...labels, currency, control },
        b.byControl.get(control) as number,
      );
  }
}
