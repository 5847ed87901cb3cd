import { seriesOf } from "./promql.ts";
import type { InputSeries } from "./types.ts";

// Input series that drive an SLO's own error and total queries, so its promtool test
// exercises the SLI exactly as configured. Works for the common Sloth shape
// `sum(rate(metric{label="value",…}[{{.window}}]))`, with = and != matchers; other SLIs
// get no generated test.

export interface Segment {
  minutes: number;
  totalPerMinute: number;
  errorsPerMinute: number;
}

interface Selector {
  metric: string;
  equal: Record<string, string>;
  notEqual: Record<string, string>;
}

const QUERY =
  /^\s*sum\s*\(\s*rate\s*\(\s*([a-zA-Z_:][a-zA-Z0-9_:]*)\s*(?:\{([^}]*)\})?\s*\[\s*\{\{\s*\.window\s*\}\}\s*\]\s*\)\s*\)\s*$/;
const MATCHER = /\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!~|!=|=)\s*"((?:[^"\\]|\\.)*)"\s*(,|$)/y;

function parseSelector(query: string): Selector | undefined {
  const match = QUERY.exec(query);
  if (!match) return undefined;
  const selector: Selector = { metric: match[1] as string, equal: {}, notEqual: {} };
  const body = (match[2] ?? "").trim();
  MATCHER.lastIndex = 0;
  while (MATCHER.lastIndex < body.length) {
    const m = MATCHER.exec(body);
    if (!m) return undefined;
    const [, label, op, raw] = m as unknown as [string, string, string, string];
    const value = JSON.parse(`"${raw}"`) as string;
    if (op === "=") selector.equal[label] = value;
    else if (op === "!=") selector.notEqual[label] = value;
    else return undefined;
  }
  return selector;
}

const satisfies = (labels: Record<string, string>, s: Selector) =>
  Object.entries(s.equal).every(([k, v]) => (labels[k] ?? "") === v) &&
  Object.entries(s.notEqual).every(([k, v]) => (labels[k] ?? "") !== v);

/** Counter values, one sample a minute, growing by each segment's rate. */
function counter(segments: Segment[], perMinute: (s: Segment) => number): string {
  let value = 0;
  return segments
    .map((segment, i) => {
      const step = perMinute(segment);
      const first = i === 0 ? 0 : value + step;
      const text = `${first}+${step}x${i === 0 ? segment.minutes : segment.minutes - 1}`;
      value += step * segment.minutes;
      return text;
    })
    .join(" ");
}

/** Builds the series for a scenario, or says why this SLI cannot have a generated test. */
export function sliFixture(
  errorQuery: string,
  totalQuery: string,
): { series(segments: Segment[]): InputSeries[] } | { unsupported: string } {
  const errors = parseSelector(errorQuery);
  const total = parseSelector(totalQuery);
  if (!errors || !total)
    return { unsupported: 'queries are not both sum(rate(metric{label="value",…}[{{.window}}]))' };
  // An error matcher `label!="value"` (code!="200") is met by any other value.
  const excluded = Object.entries(errors.notEqual).filter(
    ([k]) => !(k in errors.equal) && !(k in total.equal),
  );
  const errorLabels: Record<string, string> = { ...total.equal, ...errors.equal };
  for (const [k, v] of excluded) errorLabels[k] = v === "error" ? "failed" : "error";
  if (!satisfies(errorLabels, errors) || !satisfies(errorLabels, total))
    return { unsupported: "no label set is both an error and an event" };
  if (errors.metric !== total.metric)
    return {
      series: (segments) => [
        {
          series: seriesOf(errors.metric, errorLabels),
          values: counter(segments, (s) => s.errorsPerMinute),
        },
        {
          series: seriesOf(total.metric, total.equal),
          values: counter(segments, (s) => s.totalPerMinute),
        },
      ],
    };
  // One metric: the good events are a sibling series the error matchers exclude.
  const distinct = Object.keys(errors.equal).find((k) => !(k in total.equal));
  const [notError] = excluded;
  const goodLabels =
    distinct !== undefined
      ? { ...errorLabels, [distinct]: errorLabels[distinct] === "ok" ? "success" : "ok" }
      : notError !== undefined
        ? { ...errorLabels, [notError[0]]: notError[1] }
        : undefined;
  if (!goodLabels || satisfies(goodLabels, errors) || !satisfies(goodLabels, total))
    return { unsupported: "cannot tell good events from errors by an = or != matcher" };
  return {
    series: (segments) => [
      {
        series: seriesOf(errors.metric, errorLabels),
        values: counter(segments, (s) => s.errorsPerMinute),
      },
      {
        series: seriesOf(total.metric, goodLabels),
        values: counter(segments, (s) => s.totalPerMinute - s.errorsPerMinute),
      },
    ],
  };
}
