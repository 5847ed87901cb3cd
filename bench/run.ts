// `npm run bench`: figures for the engine and the exporter at the reference size
// (500 services in 50 teams, 90 days). Prints measurements; asserts nothing.
import { execFile, spawn } from "node:child_process";
import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { computeSnapshot } from "../src/engine/snapshot.ts";
import { createApp } from "../src/http/app.ts";
import { renderSnapshot } from "../src/http/render.ts";
import { SelfMetrics } from "../src/http/self-metrics.ts";
import { SnapshotService } from "../src/http/snapshot-service.ts";
import { syntheticBenchData } from "./dataset.ts";

const run = promisify(execFile);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
let peakRss = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 10);

function time<T>(label: string, run: () => T): T {
  const started = performance.now();
  const result = run();
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  console.log(`${label}: ${(performance.now() - started).toFixed(0)} ms`);
  return result;
}

const data = time("generate dataset", () => syntheticBenchData());
const r = data.records;
console.log(
  `dataset: ${r.deployments.length} deployments, ${r.changes.length} changes, ${r.incidents.length} incidents, ${r.vulnerabilities.length} findings, ${r.costs.length} cost rows, ${r.checks.length} checks`,
);
const maxRss = () => process.resourceUsage().maxRSS * 1024;
const usage = process.memoryUsage();
console.log(`after generating the dataset: RSS ${mb(usage.rss)}, heap ${mb(usage.heapUsed)}`);
time("engine snapshot, run 1", () => computeSnapshot(r, data.config, data.asOf));
console.log(`peak RSS through the first snapshot, dataset included: ${mb(maxRss())}`);
for (let run = 2; run <= 3; run++)
  time(`engine snapshot, run ${run}`, () => computeSnapshot(r, data.config, data.asOf));
const snapshot = computeSnapshot(r, data.config, data.asOf);
console.log(`snapshot: ${snapshot.samples.length} samples`);

let started = performance.now();
const exposition = await renderSnapshot(snapshot);
console.log(
  `render both formats: ${(performance.now() - started).toFixed(0)} ms, text ${mb(exposition.text.length)}`,
);

const self = new SelfMetrics();
const service = new SnapshotService({
  load: async () => r,
  compute: () => snapshot,
  asOf: () => data.asOf,
  self,
});
started = performance.now();
await service.refresh();
console.log(
  `snapshot service refresh (compute cached, render, swap): ${(performance.now() - started).toFixed(0)} ms`,
);

const server = createApp({ snapshots: service, self }).listen(0, "127.0.0.1");
await once(server, "listening");
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`;
// A scraper is another process: curl times each request, so the client's own parsing
// does not share this event loop.
const scrapes: number[] = [];
for (let i = 0; i < 20; i++) {
  const { stdout } = await run("curl", [
    "-s",
    "-o",
    "/dev/null",
    "-w",
    "%{time_total} %{size_download}",
    url,
  ]);
  const [seconds, bytes] = stdout.split(" ").map(Number);
  if ((bytes ?? 0) < exposition.text.length) throw new Error(`scrape returned ${bytes} bytes`);
  scrapes.push((seconds ?? 0) * 1000);
}
scrapes.sort((a, b) => a - b);
console.log(
  `scrape of the cached exposition (curl, 20 runs): median ${scrapes[10]?.toFixed(1)} ms, best ${scrapes[0]?.toFixed(1)} ms, worst ${scrapes[19]?.toFixed(1)} ms`,
);
server.close();
clearInterval(sampler);
console.log(`peak RSS: ${mb(peakRss)}`);

// Its own process, so its memory figures are not this one's dataset and snapshots.
const githubBench = fileURLToPath(new URL("./github-sync.ts", import.meta.url));
const github = spawn(process.execPath, [githubBench], { stdio: "inherit" });
const [code] = await once(github, "exit");
if (code !== 0) process.exitCode = 1;

const focusBench = fileURLToPath(new URL("./focus.ts", import.meta.url));
const focus = spawn(process.execPath, [focusBench], { stdio: "inherit" });
const [focusCode] = await once(focus, "exit");
if (focusCode !== 0) process.exitCode = 1;

// Real `serve` and `demo` processes on seeded stores: start, write-to-scrape, memory.
const freshnessBench = fileURLToPath(new URL("./freshness.ts", import.meta.url));
const freshness = spawn(process.execPath, [freshnessBench], { stdio: "inherit" });
const [freshnessCode] = await once(freshness, "exit");
if (freshnessCode !== 0) process.exitCode = 1;
