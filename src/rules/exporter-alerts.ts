import { formatDuration } from "../config/duration.ts";
import type { ConfigFile } from "../config/schema.ts";
import { SELF } from "../vocabulary/conventions.ts";
import { type AlertSpec, FOR, held } from "./alert-spec.ts";
import { eq, selector, seriesOf } from "./promql.ts";
import { staleClauses, staleExamples } from "./stale-collectors.ts";

// Alerts on the exporter's own health: if it is down or its data is stale, every KPI
// alert above is blind, so the first two page.

const MINUTE = 60_000;

export function exporterAlertSpecs(
  config: ConfigFile,
  target: Record<string, string>,
): AlertSpec[] {
  const a = config.alerting;
  const job = a.exporter_job;
  const up = selector("up", eq("job", job));
  const clauses = staleClauses(config);
  const staleSeconds = (matchers: string[]) =>
    `time() - ${selector(SELF.collectorLastSuccess.name, ...matchers)}`;
  return [
    {
      name: "KpiExporterCollectorDown",
      expr: `${SELF.collectorUp.name} == 0`,
      forMs: a.collector_down.for,
      severity: "ticket",
      summary: "kpi-exporter collector {{ $labels.collector }} is failing",
      // up is 0 from the start until a run succeeds (decision 142), so a first run that
      // hangs fires this too: the stale alert has no last success to measure from.
      description: `The {{ $labels.collector }} collector has not succeeded for at least ${FOR}: its runs fail, or its first run since the exporter started has not finished. The KPIs it feeds keep the data stored before; the exporter's log names the error.`,
      examples(forMs) {
        const labels = { ...target, collector: "github" };
        const span = forMs + 15 * MINUTE;
        const series = (value: number) => [
          { series: seriesOf(SELF.collectorUp.name, labels), values: held(value, span, MINUTE) },
        ];
        return [
          {
            title: "fires when its runs keep failing",
            interval: "1m",
            series: series(0),
            evalTimeMs: span,
            fires: [{ labels, value: 0 }],
            ...(forMs > 0 ? { quietAtMs: Math.floor(forMs / 2 / MINUTE) * MINUTE } : {}),
          },
          {
            title: "stays quiet while its runs succeed",
            interval: "1m",
            series: series(1),
            evalTimeMs: span,
            fires: [],
          },
        ];
      },
    },
    {
      name: "KpiExporterCollectorStale",
      expr: clauses
        .map((c) => `${staleSeconds(c.matchers)} > ${c.afterMs / 1000}`)
        .map((e) => (clauses.length > 1 ? `(${e})` : e))
        .join(" or "),
      forMs: 0,
      severity: "ticket",
      summary: "kpi-exporter collector {{ $labels.collector }} has not succeeded recently",
      description: `The {{ $labels.collector }} collector last succeeded {{ $value | humanizeDuration }} ago (allowed: ${formatDuration(a.collector_stale.after)}, or ${a.collector_stale.missed_runs} of its runs when longer); the KPIs it feeds are going stale.`,
      examples: (forMs) =>
        clauses.flatMap((c) =>
          staleExamples(
            SELF.collectorLastSuccess.name,
            { ...target, collector: c.example },
            c.afterMs,
            forMs,
          ),
        ),
    },
    {
      name: "KpiExporterSnapshotStale",
      expr: `time() - ${SELF.snapshotTimestamp.name} > ${a.snapshot_stale.after / 1000}`,
      forMs: 0,
      severity: "page",
      summary: "kpi-exporter serves a stale KPI snapshot",
      description: `kpi-exporter {{ $labels.instance }} serves KPIs computed {{ $value | humanizeDuration }} ago (allowed: ${formatDuration(a.snapshot_stale.after)}); its snapshot refresh is failing or stuck, or it runs with a fixed --as-of.`,
      examples: (forMs) =>
        staleExamples(SELF.snapshotTimestamp.name, target, a.snapshot_stale.after, forMs),
    },
    {
      name: "KpiExporterAbsent",
      expr: `${up} == 0 or absent(${up})`,
      forMs: 5 * MINUTE,
      severity: "page",
      summary: "kpi-exporter is down or not scraped",
      description: `For ${FOR}, no target of the Prometheus job ${job} has been up (or none exists): every KPI and self-metric is missing, so no other KPI alert can fire.`,
      examples(forMs) {
        const span = forMs + 10 * MINUTE;
        const upSeries = (labels: Record<string, string>, value: number) => ({
          series: seriesOf("up", labels),
          values: held(value, span, MINUTE),
        });
        const other = { job: "prometheus", instance: "localhost:9090" };
        const pending = forMs > 0 ? { quietAtMs: Math.floor(forMs / 2 / MINUTE) * MINUTE } : {};
        return [
          {
            title: "fires when its target is down",
            interval: "1m",
            series: [upSeries(target, 0)],
            evalTimeMs: span,
            fires: [{ labels: target, value: 0 }],
            ...pending,
          },
          {
            title: "fires when the job has no target",
            interval: "1m",
            series: [upSeries(other, 1)],
            evalTimeMs: span,
            fires: [{ labels: { job }, value: 1 }],
            ...pending,
          },
          {
            title: "stays quiet while its target is up",
            interval: "1m",
            series: [upSeries(target, 1)],
            evalTimeMs: span,
            fires: [],
          },
        ];
      },
    },
  ];
}
