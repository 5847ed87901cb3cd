import type { EngineConfig } from "../../config/engine-config.ts";
import type { RecordSet } from "../../domain/records.ts";
import type { ScopeLabels } from "../../engine/scopes.ts";
import { type Analyzed, analyzeRecords, snapshotOf } from "../../engine/snapshot.ts";
import type { Sample } from "../../engine/snapshot-types.ts";
import { LABEL } from "../../vocabulary/conventions.ts";
import type { KpiSpec } from "./kpi-specs.ts";
import type { Evaluation } from "./periods.ts";

// One engine run per period: the snapshot the exporter would serve at the period's asOf
// with the period as its only window. The report reads values only from these samples, so
// they equal what /api/v1/kpis serves for the same window and asOf.

export interface Evaluated {
  evaluation: Evaluation;
  analyzed: Analyzed;
  samples: SampleIndex;
}

export function evaluate(records: RecordSet, engine: EngineConfig, e: Evaluation): Evaluated {
  const config = { ...engine, windows: [e.window] };
  const analyzed = analyzeRecords(records, config, e.asOf);
  const snapshot = snapshotOf(records, analyzed);
  return { evaluation: e, analyzed, samples: new SampleIndex(snapshot.samples, config.currency) };
}

function key(name: string, labels: Record<string, string>): string {
  const parts = Object.entries(labels)
    .filter(([label]) => label !== LABEL.window)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([label, value]) => `${label}=${JSON.stringify(value)}`);
  return `${name}{${parts.join(",")}}`;
}

export class SampleIndex {
  private readonly values = new Map<string, number>();
  private readonly currency: string;
  /** Team → its services, as the samples' scope labels name them. */
  readonly scopes = new Map<string, Set<string>>();

  constructor(samples: readonly Sample[], currency: string) {
    this.currency = currency;
    for (const s of samples) {
      this.values.set(key(s.name, s.labels), s.value);
      const { team, service } = s.labels;
      if (team === undefined) continue;
      const services = this.scopes.get(team) ?? new Set<string>();
      this.scopes.set(team, services);
      if (service !== undefined) services.add(service);
    }
  }

  /** The labels a spec's series carries at a scope, window aside. */
  labelsOf(spec: KpiSpec, scope: ScopeLabels): Record<string, string> {
    const labels: Record<string, string> = { ...scope, ...spec.labels };
    if (spec.def.labels.includes(LABEL.currency)) labels[LABEL.currency] = this.currency;
    return labels;
  }

  /** The spec's value at a scope, or null when the engine exported no series. */
  get(spec: KpiSpec, scope: ScopeLabels): number | null {
    return this.values.get(key(spec.def.name, this.labelsOf(spec, scope))) ?? null;
  }
}
