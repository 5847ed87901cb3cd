// What every part of /metrics renders to, apart from how: the KPI families, the
// self-metrics and the serving process's runtime.

/** The same series in Prometheus text format 0.0.4 and in OpenMetrics 1.0 (ending in `# EOF`). */
export interface Exposition {
  text: string;
  openMetrics: string;
}
