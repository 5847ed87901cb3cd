import { formatDuration } from "../config/duration.ts";
import type { ConfigFile } from "../config/schema.ts";
import { LABEL } from "../vocabulary/conventions.ts";
import { type AlertExample, gcd, held } from "./alert-spec.ts";
import { eq, nre, re, seriesOf } from "./promql.ts";

// Staleness of timestamp gauges. A collector is stale after no success for
// alerting.collector_stale.after (3h), or for missed_runs (3) of its configured interval
// when that is longer, so a source read daily is not called stale after three hours.

export interface StaleClause {
  /** Matchers on the collector label; none when one threshold covers every collector. */
  matchers: string[];
  afterMs: number;
  /** A collector the clause covers, for its unit test. */
  example: string;
}

export function staleClauses(config: ConfigFile): StaleClause[] {
  const { after: afterMs, missed_runs: missedRuns } = config.alerting.collector_stale;
  const byThreshold = new Map<number, string[]>();
  // The ledger's scheduled checkpoint and the retention run are collectors too (155, 156).
  const jobs = {
    ...config.sources,
    evidence_anchor: config.evidence_anchor,
    retention: config.retention,
  };
  const sources = Object.entries(jobs).sort(([a], [b]) => a.localeCompare(b));
  for (const [name, source] of sources) {
    // Every section has its run interval, parsed; a section without one runs on no schedule.
    const interval = (source as { interval?: number } | undefined)?.interval;
    if (interval === undefined) continue;
    const thresholdMs = missedRuns * interval;
    if (thresholdMs > afterMs)
      byThreshold.set(thresholdMs, [...(byThreshold.get(thresholdMs) ?? []), name]);
  }
  const own = [...byThreshold.values()].flat();
  const collectors = (names: string[]) =>
    names.length === 1
      ? eq(LABEL.collector, names[0] as string)
      : re(LABEL.collector, names.join("|"));
  const general: StaleClause = {
    matchers: own.length ? [nre(LABEL.collector, own.join("|"))] : [],
    afterMs,
    example: own.includes("github") ? "unconfigured" : "github",
  };
  const specific = [...byThreshold.entries()]
    .sort(([a], [b]) => a - b)
    .map(([thresholdMs, names]) => ({
      matchers: [collectors(names)],
      afterMs: thresholdMs,
      example: names[0] as string,
    }));
  return [general, ...specific];
}

const MINUTE = 60_000;

/** A timestamp gauge that stopped at 0 fires once time() passes the threshold. */
export function staleExamples(
  metric: string,
  labels: Record<string, string>,
  thresholdMs: number,
  forMs: number,
): AlertExample[] {
  // Evaluated every 5 minutes (or a divisor of the threshold and `for`): a daily source's
  // threshold of days would otherwise take thousands of one-minute steps.
  const step = gcd(gcd(5 * MINUTE, thresholdMs), forMs || 5 * MINUTE);
  const evalTimeMs = thresholdMs + forMs + step;
  return [
    {
      title: `fires when it last advanced ${formatDuration(evalTimeMs)} ago`,
      interval: formatDuration(step),
      series: [{ series: seriesOf(metric, labels), values: held(0, evalTimeMs, step) }],
      evalTimeMs,
      fires: [{ labels, value: evalTimeMs / 1000 }],
      quietAtMs: thresholdMs,
      evaluationIntervalMs: step,
    },
    {
      title: "stays quiet while it keeps advancing",
      interval: formatDuration(step),
      evaluationIntervalMs: step,
      series: [
        { series: seriesOf(metric, labels), values: `0+${step / 1000}x${evalTimeMs / step}` },
      ],
      evalTimeMs,
      fires: [],
    },
  ];
}
