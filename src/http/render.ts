// Turns a list of samples into both exposition formats, byte for byte as prom-client
// writes them: a snapshot is rendered once, when it is computed, and a scrape only serves
// the cached text (see snapshot-service.ts). Families whose series are quantiles are
// declared `summary`, as Prometheus reserves the `quantile` label for summaries (promtool
// lints a gauge that carries it): quantile samples only, no _sum or _count.
import { Registry } from "prom-client";
import type { KpiSnapshot, Sample } from "../engine/snapshot-types.ts";
import { handBack } from "../engine/steps.ts";
import { type MetricDef, SELF } from "../vocabulary/conventions.ts";
import { KPI } from "../vocabulary/kpi-catalogue.ts";
import type { Exposition } from "./exposition.ts";
import { type RenderedFamily, renderFamily } from "./render-family.ts";
import type { SelfMetrics } from "./self-metrics.ts";

export const PROMETHEUS_CONTENT_TYPE = Registry.PROMETHEUS_CONTENT_TYPE;
export const OPENMETRICS_CONTENT_TYPE = Registry.OPENMETRICS_CONTENT_TYPE;
const EOF = "# EOF\n";

export type { Exposition };

export const EMPTY_EXPOSITION: Exposition = { text: "", openMetrics: EOF };

/** The KPI part of /metrics. Throws when a sample breaks the contract (see renderSamples). */
export function renderSnapshot(
  snapshot: KpiSnapshot,
  /** A serving process's families as it last rendered them (RenderedFamily). */
  memo?: Map<MetricDef, RenderedFamily>,
): Promise<Exposition> {
  // Tens of thousands of lines at 100k deployments: scrapes are answered between families.
  return renderSamples(Object.values(KPI), snapshot.samples, handBack, memo);
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
  /** Awaited between families, to hand the event loop back. */
  betweenFamilies?: () => Promise<void>,
  /** The families as last rendered, reused where unchanged and updated (RenderedFamily). */
  memo?: Map<MetricDef, RenderedFamily>,
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
  for (const def of memo?.keys() ?? []) if (!grouped.has(def)) memo?.delete(def);
  if (grouped.size === 0) return EMPTY_EXPOSITION;
  // Families in the order of the definitions, so the output does not depend on sample order.
  const text: string[] = [];
  const openMetrics: string[] = [];
  for (const def of defs) {
    const family = grouped.get(def);
    if (family === undefined) continue;
    if (text.length > 0) await betweenFamilies?.();
    const rendered = renderFamily(def, family, memo?.get(def));
    memo?.set(def, rendered);
    text.push(rendered.text);
    openMetrics.push(rendered.openMetrics);
  }
  return { text: `${text.join("\n\n")}\n`, openMetrics: `${openMetrics.join("\n")}\n${EOF}` };
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
