// Imports one FOCUS file into the PGlite store in a data directory and prints what it
// cost: `bench/focus.ts` runs it as a child process so the figures are the import's alone
// (with PGlite's own memory, as `kpi-exporter import --format focus` would have it),
// not the generator's. Usage: node bench/focus-import.ts FILE DATA_DIR EXPECTED_USD
import { readFileSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { importFocusFiles } from "../src/sources/focus/import-format.ts";
import { openStore } from "../src/store/open.ts";
import { benchFocusConfig } from "./focus-data.ts";

/**
 * The peak RSS from now on. Linux resets its high-water mark (VmHWM) on request, which
 * also sees PGlite's synchronous WebAssembly; elsewhere RSS is sampled between turns.
 */
function peakTracker(): () => number {
  try {
    writeFileSync("/proc/self/clear_refs", "5");
    return () => {
      const status = readFileSync("/proc/self/status", "utf8");
      return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1]) * 1024;
    };
  } catch {
    let peak = process.memoryUsage().rss;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 10);
    return () => {
      clearInterval(sampler);
      return Math.max(peak, process.memoryUsage().rss);
    };
  }
}

const [file, dataDir, expected] = process.argv.slice(2);
if (file === undefined || dataDir === undefined)
  throw new Error("usage: FILE DATA_DIR EXPECTED_USD");
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const count = (n: number) => Math.round(n).toLocaleString("en");

const store = await openStore({ dataDir });
// V8 compiles PGlite's WebAssembly in the background for a second or so after it opens,
// at some 800 MB: that peak is PGlite's start, whatever is imported. The import's own
// peak is sampled once it has passed.
await new Promise((resolve) => setTimeout(resolve, 3_000));
const startupPeak = process.resourceUsage().maxRSS * 1024;
const opened = process.memoryUsage().rss;
const peakSinceNow = peakTracker();
const started = performance.now();
const cpuBefore = process.cpuUsage();
const report = await importFocusFiles([file], { store, config: benchFocusConfig() }, {});
const seconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuBefore);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
const importPeak = peakSinceNow();
const { costs } = await store.load();
await store.close();

const rows = report.accepted.cost;
// Compensated, like the importer's own sums, so the comparison is to the cent and beyond.
let total = 0;
let compensation = 0;
for (const { amount } of costs) {
  const next = total + amount;
  compensation +=
    Math.abs(total) >= Math.abs(amount) ? total - next + amount : amount - next + total;
  total = next;
}
console.log(
  `FOCUS import: ${count(rows)} rows in ${seconds.toFixed(1)} s = ${count(rows / seconds)} rows/s; ${count(costs.length)} day rows stored, ${report.rejected.length} rejected`,
);
// Other busy processes on the machine slow the wall clock, not the CPU time used.
console.log(
  `FOCUS CPU: ${cpuSeconds.toFixed(1)} s = ${count(rows / cpuSeconds)} rows per CPU-second (load average ${loadavg()[0]?.toFixed(1)} on ${availableParallelism()} cores)`,
);
console.log(
  `FOCUS total: stored ${(total + compensation).toFixed(6)} USD, generated ${Number(expected).toFixed(6)} USD`,
);
console.log(
  `FOCUS RSS: ${mb(opened)} with the PGlite store open, peak ${mb(importPeak)} during the import (PGlite's own start peaked at ${mb(startupPeak)})`,
);
