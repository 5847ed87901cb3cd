import {
  collectDefaultMetrics,
  Histogram,
  type MetricObjectWithValues,
  type MetricValue,
  Registry,
} from "prom-client";
import type { Exposition } from "./exposition.ts";
import { escapeLabel, escapeText } from "./render-family.ts";

// The serving process's runtime, as every Node.js exporter shows it: prom-client's
// default process_* and nodejs_* metrics (CPU, memory, heap, event-loop lag, GC) and how
// long each answer took, by route. Only `serve` and `demo` collect them: the `metrics`
// command's output stays a function of the store and --as-of. Rendered from prom-client's
// JSON in both formats, because one registry writes only one of them.

/** Seconds: a scrape of the demo takes milliseconds, a report in PDF seconds. */
const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export class RuntimeMetrics {
  readonly #registry = new Registry();
  readonly #durations = new Histogram({
    name: "kpi_exporter_http_request_duration_seconds",
    help: "Time from a request's arrival to its response's last byte, by route (the routes of kpi_exporter_http_requests_total).",
    labelNames: ["route"],
    buckets: BUCKETS,
    registers: [this.#registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.#registry });
  }

  /** One answer on `route` took `seconds`. */
  answered(route: string, seconds: number): void {
    this.#durations.observe({ route }, seconds);
  }

  async exposition(): Promise<Exposition> {
    return renderRuntime(await this.#registry.getMetricsAsJSON());
  }
}

function number(value: number): string {
  if (value === Number.POSITIVE_INFINITY) return "+Inf";
  if (value === Number.NEGATIVE_INFINITY) return "-Inf";
  return String(value);
}

function sampleLines(metric: MetricObjectWithValues<MetricValue<string>>): string[] {
  return metric.values.map((v) => {
    const sample = v as { metricName?: string; labels: Record<string, unknown>; value: number };
    const labels = Object.entries(sample.labels)
      .filter(([, value]) => value !== undefined)
      .map(([name, value]) => `${name}="${escapeLabel(String(value))}"`);
    const name = sample.metricName ?? metric.name;
    return `${name}${labels.length ? `{${labels.join(",")}}` : ""} ${number(sample.value)}`;
  });
}

/** Text format 0.0.4 and OpenMetrics (without `# EOF`: the caller ends the body). */
export function renderRuntime(
  metrics: readonly MetricObjectWithValues<MetricValue<string>>[],
): Exposition {
  const text: string[] = [];
  const openMetrics: string[] = [];
  for (const metric of metrics) {
    const type = String(metric.type);
    // `_total` is a counter's suffix in both formats (promtool refuses it on anything else):
    // prom-client's nodejs_active_*_total gauges are left out; nodejs_active_handles and
    // nodejs_active_resources carry the same counts by type.
    if (type !== "counter" && metric.name.endsWith("_total")) continue;
    const samples = sampleLines(metric);
    if (samples.length === 0) continue;
    const help = escapeText(metric.help);
    // OpenMetrics escapes a double quote in HELP too, as in a label value.
    const openHelp = escapeLabel(metric.help);
    text.push(`# HELP ${metric.name} ${help}`, `# TYPE ${metric.name} ${type}`, ...samples);
    // An OpenMetrics counter family is named without the _total its samples carry.
    const family = type === "counter" ? metric.name.replace(/_total$/, "") : metric.name;
    openMetrics.push(`# HELP ${family} ${openHelp}`, `# TYPE ${family} ${type}`, ...samples);
  }
  const body = (lines: string[]) => (lines.length ? `${lines.join("\n")}\n` : "");
  return { text: body(text), openMetrics: body(openMetrics) };
}
