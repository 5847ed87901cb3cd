// Older records for the history-independence figure: the bench organisation's delivery
// generated again for earlier 91-day stretches (whole windows back, so every record is
// older than the longest KPI window), with ids prefixed per stretch so nothing collides
// with the current window. Only kinds that leave the current KPIs untouched are kept:
// findings would still be open today and experiments point at recent changes, so both
// are dropped, and an incident still open at its stretch's end is resolved an hour in.
import type { RecordSet } from "../src/domain/records.ts";
import { type BenchData, syntheticBenchData } from "./dataset.ts";

const DAY = 86_400_000;
const STRETCH = 91 * DAY;
const FULL_DEPLOYMENTS = 100_000;

export interface HistoryPlan {
  stretches: number;
  /** bench/dataset.ts scale of each stretch. */
  scale: number;
}

/** `deployments` older deployments spread over `years` before the current window. */
export function historyPlan(years: number, deployments: number): HistoryPlan {
  const stretches = Math.max(1, Math.floor((years * 365 * DAY) / STRETCH));
  return { stretches, scale: deployments / FULL_DEPLOYMENTS / stretches };
}

const prefixed = (p: string) => (id: string | undefined) => (id === undefined ? id : p + id);

/** Stretch n (0 = the most recent) of older records, ready to upsert. */
export function historyStretch(plan: HistoryPlan, asOf: number, n: number): Partial<RecordSet> {
  const data: BenchData = syntheticBenchData({
    scale: plan.scale,
    seed: 1_000 + n,
    asOf: asOf - (n + 1) * STRETCH,
  });
  const { deployments, changes, incidents, checks, costs } = data.records;
  const p = prefixed(`h${n}-`);
  for (const d of deployments) {
    d.id = p(d.id) as string;
    d.rollbackOf = p(d.rollbackOf);
    if (d.changes) d.changes = d.changes.map((id) => p(id) as string);
  }
  for (const c of changes) {
    c.id = p(c.id) as string;
    c.reverts = p(c.reverts);
  }
  for (const i of incidents) {
    i.id = p(i.id) as string;
    i.deploymentId = p(i.deploymentId);
    i.changeId = p(i.changeId);
    i.resolvedAt ??= i.startedAt + DAY / 24;
  }
  for (const k of costs) k.id = p(k.id) as string;
  return { deployments, changes, incidents, checks, costs };
}
