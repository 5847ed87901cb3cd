// KPI history for Prometheus's backfill (`promtool tsdb create-blocks-from openmetrics`).
// Each instant is rendered by the same code as /metrics, then regrouped: OpenMetrics
// forbids interleaving families, metrics (series) and metric points, so the file holds
// each family once, and within it each series once with its samples in time order.
// Only numbers are kept between instants: memory grows by 8 bytes per series per instant.
import type { KpiSnapshot } from "../engine/snapshot-types.ts";
import type { MetricDef } from "../vocabulary/conventions.ts";
import { KPI } from "../vocabulary/kpi-catalogue.ts";
import { renderSnapshot } from "./render.ts";

const EOF = "# EOF";

/** The family name OpenMetrics gives a definition: a counter's drops `_total`. */
function familyName(def: MetricDef): string {
  return def.type === "counter" ? def.name.replace(/_total$/, "") : def.name;
}

const CONTRACT_ORDER = new Map(Object.values(KPI).map((def, index) => [familyName(def), index]));

// Summaries: the quantiles of one label set at one instant form a single metric point.
// `quantile` is the last label of every quantile family, so it closes the label set.
const QUANTILE_LABEL = /,?quantile="[^"]*"\}$/;

interface Family {
  name: string;
  /** HELP, TYPE (and UNIT) lines as the renderer wrote them. */
  header: string[];
  /** Index of the instant whose exposition supplied the header. */
  headerFrom: number;
  summary: boolean;
  /** Metric (label set without quantile) → series text → value per instant, NaN when absent. */
  metrics: Map<string, Map<string, Float64Array>>;
}

export class BackfillHistory {
  readonly #instants: readonly number[];
  readonly #families = new Map<string, Family>();
  #series = 0;

  /** instants: epoch ms, ascending; add() takes the index of one of them. */
  constructor(instants: readonly number[]) {
    this.#instants = instants;
  }

  get seriesCount(): number {
    return this.#series;
  }

  /** Takes one instant's OpenMetrics exposition, as renderSnapshot produces it. */
  add(index: number, openMetrics: string): void {
    let family: Family | undefined;
    for (const line of openMetrics.split("\n")) {
      if (line === "" || line === EOF) continue;
      if (line.startsWith("# ")) {
        family = this.#header(index, line);
        continue;
      }
      if (family === undefined) throw new Error(`backfill: sample before its # TYPE: ${line}`);
      const cut = line.lastIndexOf(" ");
      const series = line.slice(0, cut);
      const metric = family.summary ? series.replace(QUANTILE_LABEL, "}") : series;
      let points = family.metrics.get(metric);
      if (points === undefined) {
        points = new Map();
        family.metrics.set(metric, points);
      }
      let values = points.get(series);
      if (values === undefined) {
        values = new Float64Array(this.#instants.length).fill(Number.NaN);
        points.set(series, values);
        this.#series++;
      }
      values[index] = Number(line.slice(cut + 1));
    }
  }

  /** The OpenMetrics file in pieces of one metric each, ending with `# EOF`. */
  *chunks(): Generator<string> {
    const order = (f: Family) => CONTRACT_ORDER.get(f.name) ?? CONTRACT_ORDER.size;
    const families = [...this.#families.values()].sort((a, b) => order(a) - order(b));
    for (const family of families) {
      yield `${family.header.join("\n")}\n`;
      for (const points of family.metrics.values()) yield this.#metricText(points);
    }
    yield `${EOF}\n`;
  }

  #header(index: number, line: string): Family {
    const name = line.split(" ")[2] ?? "";
    let family = this.#families.get(name);
    if (family === undefined) {
      family = { name, header: [], headerFrom: index, summary: false, metrics: new Map() };
      this.#families.set(name, family);
    }
    if (family.headerFrom === index) {
      family.header.push(line);
      if (line === `# TYPE ${name} summary`) family.summary = true;
    }
    return family;
  }

  #metricText(points: Map<string, Float64Array>): string {
    let text = "";
    for (const [i, ms] of this.#instants.entries()) {
      const timestamp = String(ms / 1000);
      for (const [series, values] of points) {
        const value = values[i] as number;
        if (!Number.isNaN(value)) text += `${series} ${value} ${timestamp}\n`;
      }
    }
    return text;
  }
}

/** Renders the snapshot of every instant into one history, in order. */
export async function kpiHistory(
  instants: readonly number[],
  snapshotAt: (asOf: number) => KpiSnapshot,
): Promise<BackfillHistory> {
  const history = new BackfillHistory(instants);
  for (const [index, asOf] of instants.entries())
    history.add(index, (await renderSnapshot(snapshotAt(asOf))).openMetrics);
  return history;
}
