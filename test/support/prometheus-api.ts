// A typed client for the few Prometheus HTTP API endpoints the tests read: queries,
// rule groups, targets and alerts. Every call fails loudly with Prometheus's own error.

export type Labels = Record<string, string>;

/** One series of an instant vector; time and value already parsed (epoch ms, number). */
export interface VectorSample {
  labels: Labels;
  time: number;
  value: number;
}

export type InstantResult =
  | { type: "vector"; samples: VectorSample[] }
  | { type: "scalar"; time: number; value: number };

export interface RangeSeries {
  labels: Labels;
  points: Array<{ time: number; value: number }>;
}

export interface Rule {
  name: string;
  query: string;
  type: "recording" | "alerting";
  health: "ok" | "err" | "unknown";
  lastError?: string;
  labels?: Labels;
  /** Alerting rules only. */
  state?: "inactive" | "pending" | "firing";
}

export interface RuleGroup {
  name: string;
  file: string;
  rules: Rule[];
  /** ISO time of the last evaluation; the zero time ("0001-…") before the first. */
  lastEvaluation: string;
}

export interface Target {
  labels: Labels;
  scrapePool: string;
  scrapeUrl: string;
  health: "up" | "down" | "unknown";
  lastError: string;
  lastScrape: string;
}

export interface Alert {
  labels: Labels;
  annotations: Labels;
  state: "pending" | "firing";
  value: string;
}

/** An instant: a Date, an ISO-8601 string or epoch milliseconds. */
export type Instant = Date | string | number;

/** Seconds since the epoch, as the API wants them. */
export function apiTime(instant: Instant): string {
  const ms =
    instant instanceof Date
      ? instant.getTime()
      : typeof instant === "number"
        ? instant
        : Date.parse(instant);
  if (Number.isNaN(ms)) throw new Error(`not an instant: ${String(instant)}`);
  return String(ms / 1000);
}

type Pair = [number, string];

export class PrometheusApi {
  readonly url: string;

  constructor(url: string) {
    this.url = url;
  }

  async instantQuery(expr: string, time?: Instant): Promise<InstantResult> {
    const form: Record<string, string> = { query: expr };
    if (time !== undefined) form.time = apiTime(time);
    const data = await this.#call<{ resultType: string; result: unknown }>("query", form, expr);
    if (data.resultType === "scalar") {
      const [t, v] = data.result as Pair;
      return { type: "scalar", time: t * 1000, value: Number(v) };
    }
    if (data.resultType !== "vector")
      throw new Error(`${expr}: unexpected ${data.resultType} result`);
    const series = data.result as Array<{ metric: Labels; value: Pair }>;
    return {
      type: "vector",
      samples: series.map(({ metric, value: [t, v] }) => ({
        labels: metric,
        time: t * 1000,
        value: Number(v),
      })),
    };
  }

  /** The samples of an expression that must evaluate to an instant vector. */
  async vector(expr: string, time?: Instant): Promise<VectorSample[]> {
    const result = await this.instantQuery(expr, time);
    if (result.type !== "vector") throw new Error(`${expr}: expected a vector, got a scalar`);
    return result.samples;
  }

  async rangeQuery(
    expr: string,
    start: Instant,
    end: Instant,
    stepSeconds: number,
  ): Promise<RangeSeries[]> {
    const form = {
      query: expr,
      start: apiTime(start),
      end: apiTime(end),
      step: String(stepSeconds),
    };
    const data = await this.#call<{ result: Array<{ metric: Labels; values: Pair[] }> }>(
      "query_range",
      form,
      expr,
    );
    return data.result.map(({ metric, values }) => ({
      labels: metric,
      points: values.map(([t, v]) => ({ time: t * 1000, value: Number(v) })),
    }));
  }

  async rules(): Promise<RuleGroup[]> {
    return (await this.#call<{ groups: RuleGroup[] }>("rules")).groups;
  }

  async targets(): Promise<Target[]> {
    return (await this.#call<{ activeTargets: Target[] }>("targets?state=active")).activeTargets;
  }

  async alerts(): Promise<Alert[]> {
    return (await this.#call<{ alerts: Alert[] }>("alerts")).alerts;
  }

  /** GET without a form, POST with one (long PromQL does not fit in a URL). */
  async #call<T>(endpoint: string, form?: Record<string, string>, what = endpoint): Promise<T> {
    const response = await fetch(`${this.url}/api/v1/${endpoint}`, {
      method: form ? "POST" : "GET",
      body: form ? new URLSearchParams(form) : undefined,
    });
    const text = await response.text();
    let body: { status: string; data: T; errorType?: string; error?: string };
    try {
      body = JSON.parse(text);
    } catch {
      throw new Error(`Prometheus ${endpoint}: HTTP ${response.status}: ${text.slice(0, 200)}`);
    }
    if (body.status !== "success")
      throw new Error(
        `Prometheus ${endpoint} ${what}: ${body.errorType ?? response.status}: ${body.error}`,
      );
    return body.data;
  }
}
