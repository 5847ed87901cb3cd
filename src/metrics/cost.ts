import type { EngineConfig, KpiWindow } from "../config/engine-config.ts";
import type { CostRow, EpochMs } from "../domain/records.ts";
import { KPI } from "../exporter/conventions.ts";
import type { DoraBucket } from "./dora.ts";
import { compare, type ScopedBuckets, teamOf } from "./scopes.ts";
import type { SampleSink } from "./sink.ts";
import { WindowedScopes } from "./windowed-scopes.ts";
import { inWindow } from "./windows.ts";

// Cost, cost per deployment and per change, attribution and control cost for one window.
// Rows no service claims count at organisation scope only (contract section 3).

interface CostBucket {
  rows: number;
  /** Per category, summed in row order. Fields, not a Map: a million rows pass here. */
  cloud: number | undefined;
  ci: number | undefined;
  byControl: Map<string, number>;
  total: number;
}

const newBucket = (): CostBucket => ({
  rows: 0,
  cloud: undefined,
  ci: undefined,
  byControl: new Map(),
  total: 0,
});

function addRow(b: CostBucket, row: CostRow): void {
  b.rows++;
  b.total += row.amount;
  if (row.category === "ci") b.ci = (b.ci ?? 0) + row.amount;
  else b.cloud = (b.cloud ?? 0) + row.amount;
  // kpi_control_cost is the CI cost of the jobs implementing a control (contract section 4).
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

interface CostWindows {
  scopes: ScopedBuckets<CostBucket>[];
  attributed: number[];
  total: number[];
}

/** Cost per window and scope, summed in one pass over the rows, in their order. */
export function costBuckets(
  costs: readonly CostRow[],
  asOf: EpochMs,
  windows: readonly KpiWindow[],
  config: EngineConfig,
): CostWindows {
  const scopes = new WindowedScopes(windows, asOf, newBucket);
  const attributed = windows.map(() => 0);
  const total = windows.map(() => 0);
  for (const row of costs) {
    const team = row.service === undefined ? undefined : teamOf(config.serviceTeam, row.service);
    for (const b of scopes.bucketsAt(row.periodStart, team, row.service)) addRow(b, row);
    // The organisation totals, window by window, in row order as the buckets are.
    windows.forEach((window, w) => {
      if (!inWindow(row.periodStart, asOf, window)) return;
      total[w] = (total[w] as number) + row.amount;
      if (row.service !== undefined) attributed[w] = (attributed[w] as number) + row.amount;
    });
  }
  return { scopes: scopes.scopes, attributed, total };
}

export function costSamples(
  costs: CostWindows,
  delivery: ScopedBuckets<DoraBucket>,
  index: number,
  window: KpiWindow,
  config: EngineConfig,
  sink: SampleSink,
): void {
  const scopes = costs.scopes[index] as ScopedBuckets<CostBucket>;
  const attributed = costs.attributed[index] as number;
  const total = costs.total[index] as number;
  const currency = config.currency;
  for (const [scope, b] of scopes.entries()) {
    if (!b.rows) continue;
    const labels = { ...scope, window: window.label };
    for (const [category, amount] of categories(b))
      sink.add(KPI.cost, { ...labels, currency, category }, amount);
    if (!Object.keys(scope).length)
      sink.addRatio(KPI.costAttributionRatio, { window: window.label }, attributed, total);
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
