import { durationMs, formatDuration } from "../config/duration.ts";
import type { ConfigFile } from "../config/schema.ts";
import type { Scope } from "../vocabulary/alert-names.ts";
import { LABEL } from "../vocabulary/conventions.ts";
import { KPI } from "../vocabulary/kpi-catalogue.ts";
import { type AlertExample, type AlertSpec, gcd, held } from "./alert-spec.ts";
import { eq, formatNumber, scopeMatchers, selector, seriesOf } from "./promql.ts";
import { KPI_FOR_MS, OTHER_SCOPE, pct, round, SCOPE_LABELS, SUBJECT } from "./scopes.ts";

// Cost per change over the window against the same window just before it (90 days:
// quarter on quarter), so a regression shows even while the absolute cost looks normal.

const SIX_HOURS = 6 * 3_600_000;

export function costPerChangeRegression(
  config: ConfigFile,
  target: Record<string, string>,
): AlertSpec {
  const { max_ratio: maxRatio, window, scope } = config.alerting.cost_per_change_regression;
  const metric = KPI.costPerChange.name;
  const now = selector(metric, eq(LABEL.window, window), ...scopeMatchers(scope));
  const windowMs = durationMs(window);
  const labelsAt = (s: Scope) => ({
    ...target,
    ...SCOPE_LABELS[s],
    currency: config.currency,
    window,
  });
  // The test spans two windows (90 days): evaluating every 6 hours instead of every
  // minute keeps promtool quick; samples sit on the evaluation instants.
  const examples = (forMs: number): AlertExample[] => {
    const step = gcd(SIX_HOURS, windowMs);
    const span = Math.max(step, Math.ceil(forMs / step) * step);
    const before = 100;
    const worse = round(before * (2 * maxRatio - 1));
    const within = round(before * (1 + (maxRatio - 1) / 2));
    const series = (s: Scope, after: number) => ({
      series: seriesOf(metric, labelsAt(s)),
      values: `${held(before, windowMs - step, step)} ${held(after, span, step)}`,
    });
    const common = {
      interval: formatDuration(step),
      evaluationIntervalMs: step,
      evalTimeMs: windowMs + span,
    };
    return [
      {
        ...common,
        title: `fires when cost per change went from ${before} to ${worse}`,
        series: [series(scope, worse)],
        fires: [{ labels: labelsAt(scope), value: worse / before }],
        ...(forMs > 0 ? { quietAtMs: windowMs } : {}),
      },
      {
        ...common,
        title: `stays quiet from ${before} to ${within}, and at the ${OTHER_SCOPE[scope]} scope`,
        series: [series(scope, within), series(OTHER_SCOPE[scope], worse)],
        fires: [],
      },
    ];
  };
  return {
    name: "KpiCostPerChangeRegressed",
    expr: `${now} / ${now} offset ${window} > ${formatNumber(maxRatio)}`,
    forMs: KPI_FOR_MS,
    severity: "ticket",
    summary: `${SUBJECT[scope]}: cost per change up more than ${pct(maxRatio - 1)} on the previous ${window}`,
    description: `${SUBJECT[scope]}: cost per change over the last ${window} is {{ $value | humanizePercentage }} of the ${window} before (alert above ${pct(maxRatio)}), in {{ $labels.currency }}.`,
    examples,
  };
}
