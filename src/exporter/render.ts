// Turns a list of samples into both exposition formats with prom-client. Each call uses a
// fresh Registry, never the global one: a snapshot is rendered once, when it is computed,
// and a scrape only serves the cached text (see snapshot-service.ts).
import { Counter, Gauge, Registry, type RegistryContentType } from "prom-client";
import type { KpiSnapshot, Sample } from "../metrics/snapshot-types.ts";
import { KPI, LABEL, type MetricDef, SELF } from "./conventions.ts";
import type { SelfMetrics } from "./self-metrics.ts";

export const PROMETHEUS_CONTENT_TYPE = Registry.PROMETHEUS_CONTENT_TYPE;
export const OPENMETRICS_CONTENT_TYPE = Registry.OPENMETRICS_CONTENT_TYPE;
const EOF = "# EOF\n";

/** The same series in Prometheus text format 0.0.4 and in OpenMetrics 1.0 (ending in `# EOF`). */
export interface Exposition {
  text: string;
  openMetrics: string;
}

export const EMPTY_EXPOSITION: Exposition = { text: "", openMetrics: EOF };

/** The KPI part of /metrics. Throws when a sample breaks the contract (see renderSamples). */
export function renderSnapshot(snapshot: KpiSnapshot): Promise<Exposition> {
  return renderSamples(Object.values(KPI), snapshot.samples);
}

/** The self-metrics part of /metrics, small and rendered from memory on every scrape. */
export async function renderSelf(self: SelfMetrics): Promise<Exposition> {
  return renderSamples(Object.values(SELF), await self.samples());
}

/**
 * Renders samples of the given metric definitions. A sample naming an unknown metric or
 * label, a non-finite value or a series given twice is a bug upstream: we throw instead of
 * exporting numbers a dashboard would misread, and the caller keeps its last good output.
 * Families without samples are left out entirely, so an absent KPI has no series.
 */
export async function renderSamples(
  defs: readonly MetricDef[],
  samples: readonly Sample[],
): Promise<Exposition> {
  const byName = new Map(defs.map((def) => [def.name, def]));
  const grouped = new Map<MetricDef, Sample[]>();
  for (const sample of samples) {
    const def = byName.get(sample.name);
    if (def === undefined) throw new Error(`sample names unknown metric "${sample.name}"`);
    let list = grouped.get(def);
    if (list === undefined) {
      list = [];
      grouped.set(def, list);
    }
    list.push(sample);
  }
  if (grouped.size === 0) return EMPTY_EXPOSITION;

  const registry = new Registry(); // starts in Prometheus text format
  // Families in the order of the definitions, so the output does not depend on sample order.
  for (const def of defs) {
    const family = grouped.get(def);
    if (family !== undefined) addFamily(registry, def, family);
  }
  // Text first: rendering OpenMetrics renames counter families in place (it strips `_total`
  // from the family name and appends it to each sample), which would corrupt a later text run.
  const text = await registry.metrics();
  const switchable: Registry<RegistryContentType> = registry;
  switchable.setContentType(Registry.OPENMETRICS_CONTENT_TYPE);
  const openMetrics = await registry.metrics();
  const quantiled = defs.filter((def) => grouped.has(def) && def.labels.includes(LABEL.quantile));
  return {
    text: declareSummaries(text, quantiled),
    openMetrics: declareSummaries(openMetrics, quantiled),
  };
}

/**
 * Prometheus reserves the `quantile` label for summaries (promtool lints a gauge that
 * carries it), so families whose series are quantiles are declared `summary`: quantile
 * samples only, no _sum or _count. PromQL reads them exactly as it reads gauges.
 */
function declareSummaries(exposition: string, defs: readonly MetricDef[]): string {
  let out = exposition;
  for (const def of defs)
    out = out.replace(`# TYPE ${def.name} gauge\n`, `# TYPE ${def.name} summary\n`);
  return out;
}

function addFamily(registry: Registry, def: MetricDef, samples: readonly Sample[]): void {
  const config = { name: def.name, help: def.help, labelNames: def.labels, registers: [registry] };
  const seen = new Set<string>();
  if (def.type === "counter") {
    const counter = new Counter(config);
    for (const sample of samples) counter.inc(canonicalLabels(def, sample, seen), sample.value);
  } else {
    const gauge = new Gauge(config);
    for (const sample of samples) gauge.set(canonicalLabels(def, sample, seen), sample.value);
  }
}

/**
 * Copies a sample's labels in the definition's order, so the exposition is byte-for-byte
 * stable whatever order the engine built its label objects in, and checks the sample.
 */
function canonicalLabels(
  def: MetricDef,
  sample: Sample,
  seen: Set<string>,
): Record<string, string> {
  if (!Number.isFinite(sample.value)) {
    throw new Error(`${def.name}: value ${sample.value} is not a finite number`);
  }
  const labels: Record<string, string> = {};
  let key = "";
  let present = 0;
  for (const name of def.labels) {
    const value = sample.labels[name];
    if (value === undefined) continue;
    labels[name] = value;
    key += `${name}\u0000${value}\u0001`;
    present++;
  }
  if (present !== Object.keys(sample.labels).length) {
    const extra = Object.keys(sample.labels).filter((name) => !def.labels.includes(name));
    throw new Error(`${def.name}: label(s) ${extra.join(", ")} not in [${def.labels.join(", ")}]`);
  }
  if (seen.has(key)) throw new Error(`${def.name}: series ${JSON.stringify(labels)} given twice`);
  seen.add(key);
  return labels;
}

/**
 * Joins expositions into one document. Text parts simply follow each other; OpenMetrics
 * allows exactly one `# EOF`, at the very end, so each part's marker is removed first.
 */
export function concatExpositions(parts: readonly Exposition[]): Exposition {
  let text = "";
  let openMetrics = "";
  for (const part of parts) {
    text += part.text;
    openMetrics += part.openMetrics.endsWith(EOF)
      ? part.openMetrics.slice(0, -EOF.length)
      : part.openMetrics;
  }
  return { text, openMetrics: openMetrics + EOF };
}
