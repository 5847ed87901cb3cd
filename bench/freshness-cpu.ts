// What a full recompute costs against the least any engine must do, in its own process
// (bench/freshness.ts spawns it): `node bench/freshness-cpu.ts SCALE`. The plain pass is one
// loop over the same records that buckets production deployments, deployed changes and
// cost rows per service and window and sorts each bucket's lead times; the ratio says how
// far computeSnapshot is from that floor. `servingMs` is the same recompute as `serve` does
// it (at start and on a config change): the incremental engine built from the records, then
// one snapshot. CPU time (user + system) of each, median of 3 runs after one warm-up;
// prints one JSON line.
import type { RecordSet } from "../src/domain/records.ts";
import { IncrementalEngine } from "../src/engine/incremental.ts";
import { computeSnapshot } from "../src/engine/snapshot.ts";
import { syntheticBenchData } from "./dataset.ts";

const data = syntheticBenchData({ scale: Number(process.argv[2] ?? 1) });
const windows = data.config.windows.map((w) => w.ms);

function plainPass(r: RecordSet, asOf: number): number {
  const buckets = new Map<string, { deployments: number; cost: number; leadTimes: number[] }>();
  const bucket = (service: string, w: number) => {
    const key = `${service}\u0000${w}`;
    const b = buckets.get(key) ?? { deployments: 0, cost: 0, leadTimes: [] };
    buckets.set(key, b);
    return b;
  };
  // Production deployment times per service, in order, to find where each change shipped.
  const shipped = new Map<string, number[]>();
  for (const d of r.deployments) {
    if (d.environment !== "production" || d.status !== "success" || d.finishedAt > asOf) continue;
    const times = shipped.get(d.service) ?? [];
    shipped.set(d.service, times);
    times.push(d.finishedAt);
    for (const w of windows) if (d.finishedAt > asOf - w) bucket(d.service, w).deployments++;
  }
  for (const times of shipped.values()) times.sort((a, b) => a - b);
  for (const c of r.changes) {
    const times = shipped.get(c.service);
    if (!times) continue;
    let [lo, hi] = [0, times.length];
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((times[mid] as number) < c.mergedAt) lo = mid + 1;
      else hi = mid;
    }
    const deployedAt = times[lo];
    if (deployedAt === undefined) continue;
    let first = c.mergedAt;
    for (const commit of c.commits) first = Math.min(first, commit.authoredAt);
    for (const w of windows)
      if (deployedAt > asOf - w) bucket(c.service, w).leadTimes.push(deployedAt - first);
  }
  for (const k of r.costs)
    for (const w of windows)
      if (k.periodStart >= asOf - w && k.periodStart < asOf)
        bucket(k.service ?? "", w).cost += k.amount;
  for (const b of buckets.values()) b.leadTimes.sort((x, y) => x - y);
  return buckets.size;
}

/** Median CPU ms of `runs` runs after a warm-up one. */
function cpuMs(run: () => unknown, runs = 3): number {
  run();
  const spent: number[] = [];
  for (let n = 0; n < runs; n++) {
    const before = process.cpuUsage();
    run();
    const used = process.cpuUsage(before);
    spent.push((used.user + used.system) / 1000);
  }
  return spent.sort((a, b) => a - b)[Math.floor(runs / 2)] as number;
}

const plain = cpuMs(() => plainPass(data.records, data.asOf));
const full = cpuMs(() => computeSnapshot(data.records, data.config, data.asOf));
const serving = cpuMs(() => new IncrementalEngine(data.config, data.records).compute(data.asOf));
const deployments = data.records.deployments.length;
console.log(
  JSON.stringify({
    deployments,
    fullMs: full,
    servingMs: serving,
    plainMs: plain,
    ratio: full / plain,
  }),
);
