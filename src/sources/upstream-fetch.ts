import { AsyncLocalStorage } from "node:async_hooks";

// Every request a source makes goes through here: one place bounds how long an upstream may
// take to answer a request (body included, so a page that trickles in is bounded too) and
// stops every request of a run when the run is out of time or the exporter shuts down.
// The run's limits travel with its async context, so clients built anywhere inside a run
// (Octokit, the incident tools' JSON client, OpenCost, GrowthBook) need no plumbing.

export interface RunLimits {
  /** Aborted when the run is out of time or the process is stopping. */
  signal: AbortSignal;
  /** Longest wait for one request, from sending it to the end of its body. */
  requestMs: number;
}

/** collector_timeouts.request's default: far above a healthy API's slowest page. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

const runScope = new AsyncLocalStorage<RunLimits>();

/** Runs fn with these limits on every upstreamFetch it makes, however deep. */
export function withinRun<T>(limits: RunLimits, fn: () => Promise<T>): Promise<T> {
  return runScope.run(limits, fn);
}

const where = (input: string | URL | Request) => {
  const url = new URL(input instanceof Request ? input.url : input);
  return `${url.host}${url.pathname}`;
};

/**
 * Every API the sources read answers JSON: a success in another type (a proxy's login page,
 * a maintenance page) is refused here, naming the endpoint and what it sent, rather than
 * failing later inside a parser with a message about `in` operators.
 */
async function asJson(input: string | URL | Request, response: Response): Promise<Response> {
  const type = response.headers.get("content-type");
  if (!response.ok || type === null || /json/i.test(type)) return response;
  const start = (await response.text()).slice(0, 80).replace(/\s+/g, " ");
  throw new Error(
    `${where(input)} answered ${response.status} with ${type}, expected JSON: ${JSON.stringify(start)}`,
  );
}

/**
 * fetch, bounded by the request timeout and the current run's signal. `atLeastMs` is for an
 * endpoint known to compute its answer slowly (OpenCost's allocation queries).
 */
export async function upstreamFetch(
  input: string | URL | Request,
  init: RequestInit = {},
  { atLeastMs = 0 }: { atLeastMs?: number } = {},
): Promise<Response> {
  const limits = runScope.getStore();
  const requestMs = Math.max(limits?.requestMs ?? DEFAULT_REQUEST_TIMEOUT_MS, atLeastMs);
  const timeout = AbortSignal.timeout(requestMs);
  const signals = [
    timeout,
    ...(limits ? [limits.signal] : []),
    ...(init.signal ? [init.signal] : []),
  ];
  try {
    return await asJson(input, await fetch(input, { ...init, signal: AbortSignal.any(signals) }));
  } catch (error) {
    if (limits?.signal.aborted) throw limits.signal.reason;
    if (timeout.aborted && (error as Error).name === "TimeoutError")
      throw new Error(
        `no answer from ${where(input)} within ${requestMs / 1000} s (collector_timeouts.request)`,
        { cause: error },
      );
    throw error;
  }
}
