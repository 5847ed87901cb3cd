// The measurements of the freshness benchmark against running exporter processes: start
// to first /metrics 200, writes until visible, scrape latency idle and under writes, and
// writes seen by other replicas. Each loop has a count and a time limit of its own.
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { figure, ms, percentile } from "./freshness-report.ts";
import {
  type Served,
  type ServeSpec,
  startServer,
  stop,
  untilFirst200,
} from "./freshness-servers.ts";
import { postDeployment, timeWrite } from "./freshness-writes.ts";

const run = promisify(execFile);
const SCRAPER = fileURLToPath(new URL("./freshness-scraper.ts", import.meta.url));
const START_LIMIT_MS = 600_000;
const SCRAPE_LIMIT_S = 90;

/** The n-th service of bench/dataset.ts's catalogue, so successive writes spread out. */
export const benchService = (n: number) => `svc-${String(n % 500).padStart(3, "0")}`;

/** Starts a server and times its first 200; the server is left running. */
export async function timedStart(spec: ServeSpec): Promise<{ server: Served; ms: number }> {
  const server = await startServer(spec);
  return { server, ms: await untilFirst200(server, START_LIMIT_MS) };
}

/** The first start after seeding (it also appends the evidence ledger), then a restart. */
export async function startAndRestart(spec: ServeSpec, where: string, target: string) {
  const first = await timedStart({ ...spec, name: `${spec.name}-first` });
  await stop(first.server);
  const again = await timedStart(spec);
  figure({
    figure: "serve start to first 200 (first after seeding)",
    where,
    measured: ms(first.ms),
    target: "-",
  });
  figure({ figure: "serve start to first 200 (restart)", where, measured: ms(again.ms), target });
  // Until ready, a restarted server serves the snapshot it kept while it reads the store;
  // a write waits for that read, so the writes are timed from here (steady state).
  const ready = await untilFirst200(again.server, START_LIMIT_MS, "/readyz");
  figure({ figure: "serve start to ready (restart)", where, measured: ms(ready), target: "-" });
  return again.server;
}

export interface WritePlan {
  count: number;
  /** Whole-series time budget: the series stops early past it, saying how many ran. */
  budgetMs: number;
  capMs: number;
  service: (n: number) => string;
  finishedAt: () => number;
}

/** `count` writes one after another; each one's ms until visible on every reader. */
export async function writeSeries(writer: Served, readers: Served[], plan: WritePlan) {
  const visible: number[][] = readers.map(() => []);
  const answered: number[] = [];
  let missed = 0;
  const started = performance.now();
  let n = 0;
  for (; n < plan.count && performance.now() - started < plan.budgetMs; n++) {
    const bases = readers.map((r) => r.base);
    const t = await timeWrite(writer.base, bases, plan.service(n), plan.finishedAt(), plan.capMs);
    for (const [r, v] of t.visible.entries()) {
      if (v === undefined) missed++;
      else visible[r]?.push(v);
    }
    answered.push(t.answered);
  }
  const all = visible.flat();
  const [p50, p99] = [percentile(all, 50), percentile(all, 99)];
  // A write never seen is slower than any seen: it puts p99 past the cap, not out of it.
  const worst = missed > 0 ? `> ${plan.capMs / 1000} s` : ms(p99);
  const ran = n < plan.count ? `; ${n} of ${plan.count} ran within the time budget` : "";
  const lost = missed > 0 ? `; ${missed} not visible within ${plan.capMs / 1000} s` : "";
  const text = `p50 ${ms(p50)}, p99 ${worst} (POST answered p50 ${ms(percentile(answered, 50))}${ran}${lost})`;
  return { n, missed, all, p50, p99, text };
}

/** `count` scrapes by a child process, 50 ms apart, for 90 s at most. */
async function scrapes(url: string, count: number) {
  const args = [SCRAPER, url, String(count), "50", String(SCRAPE_LIMIT_S)];
  const { stdout } = await run(process.execPath, args, { maxBuffer: 16 * 1024 * 1024 });
  return JSON.parse(stdout) as { ms: number[]; failed: number };
}

/**
 * /metrics p99 idle, then while one deployment is POSTed every 500 ms (without waiting for
 * the answer, as independent clients would; at most 2 a second for the scraper's 90 s).
 */
export async function scrapeLatency(
  server: Served,
  where: string,
  count: number,
  finishedAt: () => number,
) {
  const url = `${server.base}/metrics`;
  const idle = await scrapes(url, count);
  const posts: Promise<unknown>[] = [];
  const poster = setInterval(() => {
    const service = benchService(1000 + posts.length);
    posts.push(postDeployment(server.base, service, finishedAt()).catch((e: Error) => e));
  }, 500);
  let busy: Awaited<ReturnType<typeof scrapes>>;
  try {
    busy = await scrapes(url, count);
  } finally {
    clearInterval(poster);
  }
  const failures = (await Promise.all(posts)).filter((p) => p instanceof Error);
  if (failures.length)
    console.log(`  POSTs under scraping, first failure: ${failures[0]?.message}`);
  const [quiet, loaded] = [percentile(idle.ms, 99), percentile(busy.ms, 99)];
  const failed = idle.failed + busy.failed;
  const measured = `idle ${ms(quiet)}, writing ${ms(loaded)} (${idle.ms.length} + ${busy.ms.length} scrapes${failed ? `, ${failed} failed` : ""}; ${posts.length} POSTs${failures.length ? `, ${failures.length} failed` : ""})`;
  figure({
    figure: "scrape p99 idle vs under writes",
    where,
    measured,
    target: "under writes ≤ 2× idle",
  });
  return { idle: quiet, busy: loaded };
}

export interface ReplicaPlan {
  spec: ServeSpec;
  writes: number;
  capMs: number;
  finishedAt: () => number;
}

/** Two more servers on the same database; writes to the first, timed on the other two. */
export async function replicaLag(first: Served, plan: ReplicaPlan, where: string) {
  const others = [];
  for (const name of ["replica-2", "replica-3"]) {
    const { server } = await timedStart({ ...plan.spec, name });
    // A replica serves its kept snapshot at once; what it follows shows once it is ready.
    await untilFirst200(server, START_LIMIT_MS, "/readyz");
    others.push(server);
  }
  const series = await writeSeries(first, others, {
    count: plan.writes,
    budgetMs: plan.writes * (plan.capMs + 120_000),
    capMs: plan.capMs,
    service: (n) => benchService(2000 + n),
    finishedAt: plan.finishedAt,
  });
  const measured =
    series.all.length === 0
      ? `not visible within ${plan.capMs / 1000} s (${series.n} writes × 2 replicas)`
      : series.text;
  figure({
    figure: "write on one replica visible on the other two",
    where,
    measured,
    target: "p99 < 2 s",
  });
  await Promise.all(others.map((s) => stop(s)));
}
