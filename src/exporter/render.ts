// Turns a list of samples into both exposition formats, byte for byte as prom-client
// writes them: a snapshot is rendered once, when it is computed, and a scrape only serves
// the cached text (see snapshot-service.ts). Families whose series are quantiles are
// declared `summary`, as Prometheus reserves the `quantile` label for summaries (promtool
// lints a gauge that carries it): quantile samples only, no _sum or _count.
import { Registry } from "prom-client";
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
  // Families in the order of the definitions, so the output does not depend on sample order.
  const text: string[] = [];
  const openMetrics: string[] = [];
  for (const def of defs) {
    const family = grouped.get(def);
    if (family === undefined) continue;
    const series = seriesOf(def, family);
    const type = def.labels.includes(LABEL.quantile) ? "summary" : def.type;
    const help = escapeText(def.help);
    text.push(`# HELP ${def.name} ${help}\n# TYPE ${def.name} ${type}\n${series.join("\n")}`);
    // OpenMetrics names a counter family without `_total` and each of its samples with it.
    const base = def.type === "counter" ? def.name.replace(/_total$/, "") : def.name;
    const sampleName = def.type === "counter" ? `${base}_total` : def.name;
    const renamed =
      sampleName === def.name
        ? series
        : series.map((line) => sampleName + line.slice(def.name.length));
    openMetrics.push(`# HELP ${base} ${help}\n# TYPE ${base} ${type}\n${renamed.join("\n")}`);
  }
  return { text: `${text.join("\n\n")}\n`, openMetrics: `${openMetrics.join("\n")}\n${EOF}` };
}

/**
 * One line per sample, `name{labels} value`, in the Prometheus text format's escaping,
 * labels in the definition's order so the bytes do not depend on how the engine built its
 * label objects. Written directly rather than through a client registry, one string per
 * line: at a hundred thousand deployments the snapshot has tens of thousands of series,
 * rendered on every refresh. Checks each sample (see renderSamples).
 */
function seriesOf(def: MetricDef, samples: readonly Sample[]): string[] {
  const seen = new Set<string>();
  const lines: string[] = new Array(samples.length);
  for (let i = 0; i < samples.length; i++) {
    const sample = samples[i] as Sample;
    if (!Number.isFinite(sample.value))
      throw new Error(`${def.name}: value ${sample.value} is not a finite number`);
    let pairs = "";
    let present = 0;
    for (const name of def.labels) {
      const value = sample.labels[name];
      if (value === undefined) continue;
      pairs += `${present ? "," : ""}${name}="${escapeLabel(value)}"`;
      present++;
    }
    if (present !== Object.keys(sample.labels).length) {
      const extra = Object.keys(sample.labels).filter((name) => !def.labels.includes(name));
      throw new Error(
        `${def.name}: label(s) ${extra.join(", ")} not in [${def.labels.join(", ")}]`,
      );
    }
    // Escaping is one-to-one, so equal label parts are the same series.
    if (seen.has(pairs)) {
      const labels = Object.fromEntries(
        def.labels.filter((n) => sample.labels[n] !== undefined).map((n) => [n, sample.labels[n]]),
      );
      throw new Error(`${def.name}: series ${JSON.stringify(labels)} given twice`);
    }
    seen.add(pairs);
    if (def.type === "counter" && sample.value < 0)
      throw new Error(`${def.name}: counter value ${sample.value} is negative`);
    lines[i] = `${def.name}${present ? `{${pairs}}` : ""} ${sample.value}`;
  }
  return lines;
}

const NEEDS_ESCAPE = /[\\\n"]/;
const escapeText = (text: string) => text.replace(/\\/g, "\\\\").replace(/\n/g, "\\n");
const escapeLabel = (value: string) =>
  NEEDS_ESCAPE.test(value) ? escapeText(value).replace(/"/g, '\\"') : value;

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
