import { get } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ServeProcess, startExporter } from "../support/serve.ts";

// The probe, rerun against the demo: 50 anonymous clients ask for the quarter's
// PDF at once while Prometheus-like scrapes go on. The queue lets a client's share through
// and answers the rest 503 with Retry-After at once; every scrape is answered. The scrape
// latencies are printed, not asserted (timings belong to the bench).

let demo: ServeProcess;
beforeAll(async () => {
  demo = await startExporter("demo", ["--as-of", "2026-10-15T00:00:00Z"]);
}, 60_000);
afterAll(async () => {
  await demo?.stop();
});

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;

/** A scrape on its own connection, as Prometheus holds one apart from any report client. */
function scrape(): Promise<number> {
  return new Promise((resolve, reject) => {
    get(`${demo.base}/metrics`, { agent: false }, (response) => {
      response.resume();
      response.on("end", () => resolve(response.statusCode ?? 0));
    }).on("error", reject);
  });
}

async function scrapeTimes(until: Promise<unknown>): Promise<{ ms: number[]; statuses: number[] }> {
  let done = false;
  void until.finally(() => {
    done = true;
  });
  const ms: number[] = [];
  const statuses: number[] = [];
  while (!done || ms.length < 20) {
    const start = performance.now();
    statuses.push(await scrape());
    ms.push(performance.now() - start);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return { ms, statuses };
}

describe("50 concurrent anonymous report requests", () => {
  it("are queued or refused with Retry-After while /metrics keeps answering", async () => {
    const idle = await scrapeTimes(Promise.resolve());
    const reports = Promise.all(
      Array.from({ length: 50 }, () =>
        fetch(`${demo.base}/api/v1/reports/2026-Q3.pdf`).then(async (r) => {
          await r.arrayBuffer();
          return { status: r.status, retryAfter: r.headers.get("retry-after") };
        }),
      ),
    );
    const busy = await scrapeTimes(reports);
    const answers = await reports;
    const served = answers.filter((a) => a.status === 200).length;
    const refused = answers.filter((a) => a.status === 503);
    // One client (this test's address) has 2 running or waiting at any time: the requests
    // that arrive while it does are told to come back, at once, instead of piling up.
    expect(served + refused.length).toBe(50);
    expect(served).toBeGreaterThanOrEqual(2);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.every((a) => a.retryAfter === "10")).toBe(true);
    expect(busy.statuses.every((s) => s === 200)).toBe(true);
    const print = (name: string, ms: number[]) => {
      const sorted = [...ms].sort((a, b) => a - b);
      return `${name} p50 ${quantile(sorted, 0.5).toFixed(1)} ms, p99 ${quantile(sorted, 0.99).toFixed(1)} ms over ${ms.length} scrapes`;
    };
    process.stdout.write(
      `/metrics while 50 anonymous PDF requests arrive (${served} served, ${refused.length} refused with 503): ${print("idle", idle.ms)}; ${print("busy", busy.ms)}\n`,
    );
  }, 120_000);
});
