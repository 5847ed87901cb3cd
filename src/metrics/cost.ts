import type { EngineConfig, KpiWindow } from "../config/engine-config.ts";
import type { CostRow, EpochMs } from "../domain/records.ts";
import { KPI } from "../exporter/conventions.ts";
import type { DoraBucket } from "./dora.ts";
import { compare, ScopedBuckets, teamOf } from "./scopes.ts";
import type { SampleSink } from "./sink.ts";
import { inWindow } from "./windows.ts";

// Cost, cost per deployment and per change, attribution and control cost for one window.
// Rows no service claims count at organisation scope only (contract section 3).

interface CostBucket {
  rows: number;
  byCategory: Map<string, number>;
  byControl: Map<string, number>;
  total: number;
}

const newBucket = (): CostBucket => ({
  rows: 0,
  byCategory: new Map(),
  byControl: new Map(),
  total: 0,
});

function addRow(b: CostBucket, row: CostRow): void {
  b.rows++;
  b.total += row.amount;
  b.byCategory.set(row.category, (b.byCategory.get(row.category) ?? 0) + row.amount);
  // kpi_control_cost is the CI cost of the jobs implementing a control (contract section 4).
  if (row.control !== undefined && row.category === "ci")
    b.byControl.set(row.control, (b.byControl.get(row.control) ?? 0) + row.amount);
}

export function costSamples(
  costs: CostRow[],
  delivery: ScopedBuckets<DoraBucket>,
  asOf: EpochMs,
  window: KpiWindow,
  config: EngineConfig,
  sink: SampleSink,
): void {
  const scopes = new ScopedBuckets(newBucket);
  let attributed = 0;
  let total = 0;
  for (const row of costs) {
    if (!inWindow(row.periodStart, asOf, window)) continue;
    total += row.amount;
    if (row.service !== undefined) attributed += row.amount;
    const team = row.service === undefined ? undefined : teamOf(config.serviceTeam, row.service);
    for (const b of scopes.bucketsFor(team, row.service)) addRow(b, row);
  }

  const currency = config.currency;
  for (const [scope, b] of scopes.entries()) {
    if (!b.rows) continue;
    const labels = { ...scope, window: window.label };
    for (const category of [...b.byCategory.keys()].sort(compare))
      sink.add(KPI.cost, { ...labels, currency, category }, b.byCategory.get(category) as number);
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
