// A write as a client makes it: one new production deployment POSTed to /api/v1/events
// as an NDJSON line, then /metrics polled every 50 ms until the service's
// dora_deployments_total counter has moved, on the server written to and on any others
// given (replicas). The POST is not awaited before polling: today's server answers only
// after its refresh, a future one may answer first, and what counts is /metrics.
import { randomBytes } from "node:crypto";
import { API_TOKEN } from "./freshness-servers.ts";

const POLL_MS = 50;
let sequence = 0;

/** The service's production deployment count on one server's /metrics. */
export async function deploymentsOf(
  base: string,
  service: string,
  timeoutMs = 30_000,
): Promise<number | undefined> {
  const response = await fetch(`${base}/metrics`, { signal: AbortSignal.timeout(timeoutMs) });
  const body = await response.text();
  if (response.status !== 200) return undefined;
  const series = new RegExp(
    `^dora_deployments_total\\{[^}]*service="${service}",environment="production"\\} (\\S+)$`,
    "m",
  );
  const value = series.exec(body)?.[1];
  return value === undefined ? undefined : Number(value);
}

export function postDeployment(base: string, service: string, finishedAt: number) {
  const event = {
    kind: "deployment",
    id: `bench-freshness-${process.pid}-${Date.now()}-${++sequence}`,
    service,
    environment: "production",
    finishedAt: new Date(finishedAt).toISOString(),
    commitSha: randomBytes(20).toString("hex"),
  };
  const started = performance.now();
  return fetch(`${base}/api/v1/events`, {
    method: "POST",
    headers: { authorization: `Bearer ${API_TOKEN}`, "content-type": "application/x-ndjson" },
    body: `${JSON.stringify(event)}\n`,
    signal: AbortSignal.timeout(300_000),
  }).then(
    async (r) => {
      await r.arrayBuffer();
      if (r.status !== 200) throw new Error(`POST /api/v1/events answered ${r.status}`);
      return performance.now() - started;
    },
    (error: Error) => {
      // fetch says only "fetch failed"; its cause says why (a reset, a headers timeout).
      const cause = (error.cause as Error | undefined)?.message;
      return Promise.reject(new Error(`POST /api/v1/events: ${cause ?? error.message}`));
    },
  );
}

export interface WriteTiming {
  /** Ms from sending the POST to the change on each reader; undefined: not within the cap. */
  visible: (number | undefined)[];
  /** Ms until the POST was answered. */
  answered: number;
}

/** One write to `writer`, timed until visible on each of `readers` (capMs at most). */
export async function timeWrite(
  writer: string,
  readers: string[],
  service: string,
  finishedAt: number,
  capMs: number,
): Promise<WriteTiming> {
  // Generous: a timer refresh may be holding the server's event loop right now.
  const before = await Promise.all(readers.map((r) => deploymentsOf(r, service, 300_000)));
  const started = performance.now();
  const post = postDeployment(writer, service, finishedAt);
  post.catch(() => {}); // awaited below; a failure must not surface as unhandled first
  const visible: (number | undefined)[] = readers.map(() => undefined);
  while (performance.now() - started < capMs && visible.includes(undefined)) {
    await Promise.all(
      readers.map(async (reader, n) => {
        if (visible[n] !== undefined) return;
        const now = await deploymentsOf(reader, service).catch(() => undefined);
        if (now !== undefined && now > (before[n] ?? 0)) visible[n] = performance.now() - started;
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  return { visible, answered: await post };
}
