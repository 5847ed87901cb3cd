import { afterEach, describe, expect, it } from "vitest";
import { SelfMetrics } from "../../src/http/self-metrics.ts";
import { silentLogger } from "../../src/logger.ts";
import type { Collector } from "../../src/sources/collector.ts";
import type { RunOutcome } from "../../src/sources/run-collector.ts";
import { Scheduler } from "../../src/sources/scheduler.ts";
import type { Store } from "../../src/store/store.ts";

// The scheduler with collectors that only record when they ran: timing, isolation,
// nudges and shutdown. Collectors never touch the store here, so none is opened.

const store = {} as Store;
const self = new SelfMetrics();
const schedulers: Scheduler[] = [];
afterEach(async () => {
  await Promise.all(schedulers.splice(0).map((s) => s.stop(100)));
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function recording(name: string, intervalMs: number, behaviour: () => Promise<number> | number) {
  const runs: number[] = [];
  const t0 = performance.now();
  const collector: Collector = {
    name,
    intervalMs,
    async run() {
      runs.push(performance.now() - t0);
      return { written: await behaviour(), summary: "" };
    },
  };
  return { collector, runs };
}

function scheduler(collectors: Collector[], onWritten?: (o: RunOutcome) => void) {
  const s = new Scheduler(
    collectors,
    { store, self, logger: silentLogger, now: Date.now },
    { random: () => 1, jitter: 0.5, ...(onWritten && { onWritten }) },
  );
  schedulers.push(s);
  return s;
}

describe("Scheduler", () => {
  it("starts every source at once and repeats each on its interval plus jitter", async () => {
    const fast = recording("fast", 40, () => 0);
    const slow = recording("slow", 1_000, () => 0);
    scheduler([fast.collector, slow.collector]).start();
    await sleep(250);
    expect(slow.runs).toHaveLength(1);
    // 40 ms plus jitter 0.5 × random 1 = 60 ms between runs: at most 5 runs in 250 ms.
    expect(fast.runs.length).toBeGreaterThanOrEqual(2);
    expect(fast.runs.length).toBeLessThanOrEqual(5);
    for (let i = 1; i < fast.runs.length; i++)
      expect((fast.runs[i] ?? 0) - (fast.runs[i - 1] ?? 0)).toBeGreaterThanOrEqual(55);
  });

  it("keeps running a source after another fails, and retries the failed one", async () => {
    const broken = recording("broken", 30, () => Promise.reject(new Error("API down")));
    const healthy = recording("healthy", 30, () => 1);
    const written: string[] = [];
    scheduler([broken.collector, healthy.collector], (o) => written.push(o.collector)).start();
    await sleep(200);
    expect(broken.runs.length).toBeGreaterThanOrEqual(2);
    expect(healthy.runs.length).toBeGreaterThanOrEqual(2);
    expect(new Set(written)).toEqual(new Set(["healthy"]));
  });

  it("a nudge runs a source soon, and a stream of nudges does not postpone it", async () => {
    const polled = recording("github", 60_000, () => 0);
    const s = scheduler([polled.collector]);
    s.start();
    await sleep(20);
    expect(polled.runs).toHaveLength(1);
    for (let i = 0; i < 8; i++) {
      s.nudge("github", 80);
      await sleep(20);
    }
    // Nudged every 20 ms for 160 ms with an 80 ms delay: it ran after the first 80 ms.
    expect(polled.runs.length).toBeGreaterThanOrEqual(2);
  });

  it("a nudge during a run runs the source again right after, never overlapping", async () => {
    let active = 0;
    let overlapped = false;
    const slow = recording("slow", 60_000, async () => {
      active += 1;
      overlapped ||= active > 1;
      await sleep(50);
      active -= 1;
      return 0;
    });
    const s = scheduler([slow.collector]);
    s.start();
    await sleep(10);
    s.nudge("slow", 0);
    s.nudge("slow", 0);
    await sleep(150);
    expect(slow.runs).toHaveLength(2);
    expect(overlapped).toBe(false);
  });

  it("stop aborts the run in progress, reports it stopped, and schedules nothing after it", async () => {
    const stuck = recording("stuck", 10, () => new Promise<number>(() => {}));
    const s = scheduler([stuck.collector]);
    s.start();
    await sleep(10);
    // A run that never settles on its own: only the abort can end it within the grace.
    await s.stop(60_000);
    expect(stuck.runs).toHaveLength(1);
    const running = (await self.samples()).find(
      (x) => x.name === "kpi_exporter_collector_running" && x.labels.collector === "stuck",
    );
    expect(running).toBeUndefined();
    await sleep(50);
    expect(stuck.runs).toHaveLength(1);
  });
});

describe("Scheduler self-metrics", () => {
  const up = async (metrics: SelfMetrics) =>
    (await metrics.samples())
      .filter((s) => s.name === "kpi_exporter_collector_up")
      .map((s) => `${s.labels.collector} ${s.value}`);

  it("declares its collectors down on start, before a first run finishes", async () => {
    const metrics = new SelfMetrics();
    let release = () => {};
    const hung = new Promise<number>((resolve) => {
      release = () => resolve(0);
    });
    const first = recording("first", 60_000, () => hung);
    const s = new Scheduler([first.collector], {
      store,
      self: metrics,
      logger: silentLogger,
      now: Date.now,
    });
    schedulers.push(s);
    s.start();
    expect(await up(metrics)).toEqual(["first 0"]);
    await sleep(20);
    expect(first.runs).toHaveLength(1);
    expect(await up(metrics)).toEqual(["first 0"]);
    release();
    await sleep(20);
    expect(await up(metrics)).toEqual(["first 1"]);
  });

  it("drops its collectors' gauges on stop: a follower reports no collector down", async () => {
    const metrics = new SelfMetrics();
    const failing = recording("failing", 60_000, () => Promise.reject(new Error("API down")));
    const s = new Scheduler([failing.collector], {
      store,
      self: metrics,
      logger: silentLogger,
      now: Date.now,
    });
    s.start();
    await sleep(20);
    expect(await up(metrics)).toEqual(["failing 0"]);
    await s.stop(100);
    expect(await up(metrics)).toEqual([]);
  });
});
