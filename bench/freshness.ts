// The freshness section of `npm run bench` (bench/run.ts spawns it; `node bench/freshness.ts`
// runs it alone): how fast a real `serve` process starts, shows a write, answers scrapes
// while it writes and how much memory it holds, on a 90-day window of 100,000 production
// deployments, on PGlite and PostgreSQL, with and without years of older records behind
// it; plus `demo` (what `npm start` runs) and the CPU of a full recompute against a plain
// pass. Prints every figure with its target and a table at the end; asserts nothing.
// Scale: BENCH_FRESHNESS_DEPLOYMENTS (100000), BENCH_FRESHNESS_BACKENDS (pglite,postgres),
// BENCH_FRESHNESS_WRITES (30), BENCH_FRESHNESS_SCRAPES (200), BENCH_FRESHNESS_REPLICA_WRITES
// (5), BENCH_HISTORY_YEARS (7; 0 skips), BENCH_HISTORY_DEPLOYMENTS (older deployments in
// all; default as many as the window), BENCH_HISTORY_WRITES (10). PostgreSQL databases
// are created and dropped on BENCH_DATABASE_URL's server (default the local test one).
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { demoFigures } from "./freshness-demo.ts";
import {
  benchService,
  replicaLag,
  scrapeLatency,
  startAndRestart,
  writeSeries,
} from "./freshness-measure.ts";
import { figure, mb, ms, printTable, ratio } from "./freshness-report.ts";
import { memoryOf, stop, stopAll } from "./freshness-servers.ts";
import { type Backend, dropDatabases, seededStore } from "./freshness-stores.ts";

const int = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name}: a whole number`);
  return value;
};
const deployments = int("BENCH_FRESHNESS_DEPLOYMENTS", 100_000) || 1;
const backends = (process.env.BENCH_FRESHNESS_BACKENDS ?? "pglite,postgres").split(
  ",",
) as Backend[];
const writes = int("BENCH_FRESHNESS_WRITES", 30);
const scrapes = int("BENCH_FRESHNESS_SCRAPES", 200);
const replicaWrites = int("BENCH_FRESHNESS_REPLICA_WRITES", 5);
const years = int("BENCH_HISTORY_YEARS", 7);
const older = int("BENCH_HISTORY_DEPLOYMENTS", deployments);
const historyWrites = int("BENCH_HISTORY_WRITES", 10);
const scale = deployments / 100_000;
const size = `${deployments >= 1000 ? `${deployments / 1000}k` : deployments}`;
const WRITE_CAP_MS = 300_000; // one write not visible after this is counted as missed
const REPLICA_CAP_MS = 10_000;

const dir = await mkdtemp(join(tmpdir(), "kpi-bench-freshness-"));
async function cleanUp() {
  await stopAll();
  await dropDatabases().catch((e) => console.error(`dropping bench databases: ${e.message}`));
  await rm(dir, { recursive: true, force: true });
}
for (const signal of ["SIGINT", "SIGTERM"] as const)
  process.once(signal, async () => {
    await cleanUp();
    printTable();
    process.exit(130);
  });

/** A part that fails (a server that crashes, say) is a figure too; the next part still runs. */
async function attempt(where: string, part: () => Promise<unknown>): Promise<void> {
  try {
    await part();
  } catch (error) {
    const reason = (error as Error).message.split("\n")[0] ?? "";
    console.error(error);
    figure({ figure: "FAILED", where, measured: reason.slice(0, 120), target: "-" });
    process.exitCode = 1;
    await stopAll();
  }
}

async function cpuRatio() {
  const script = fileURLToPath(new URL("./freshness-cpu.ts", import.meta.url));
  const { stdout } = await promisify(execFile)(process.execPath, [script, String(scale)]);
  const r = JSON.parse(stdout) as {
    fullMs: number;
    servingMs: number;
    plainMs: number;
    ratio: number;
  };
  const measured = `full ${ms(r.fullMs)} CPU (as serve does it ${ms(r.servingMs)}), plain pass ${ms(r.plainMs)} CPU, ratio ${r.ratio.toFixed(1)}`;
  figure({
    figure: "full recompute CPU vs plain pass",
    where: `${size}, in-process`,
    measured,
    target: "full < 1.5 s CPU",
  });
}

/** Figures 1–5 and 7 on one backend (or 6's half with history); returns what 6 compares. */
async function measureStore(backend: Backend, history?: { years: number; deployments: number }) {
  const name = history ? "history" : "window";
  const where = `${size}${history ? ` + ${history.years} years` : ""}, ${backend === "pglite" ? "PGlite" : "PostgreSQL"}`;
  const { store, seeded } = await seededStore(backend, dir, name, scale, history);
  const seedFigure = history
    ? `older records seeded (${seeded.history.deployments} deployments, ${seeded.history.changes} changes)`
    : "store seeded (store API)";
  figure({
    figure: seedFigure,
    where,
    measured: history
      ? ms(seeded.history.seconds * 1000)
      : `${ms(seeded.seconds * 1000)} (${ms(seeded.writeSeconds * 1000)} writing ${seeded.rows} rows)`,
    target: "-",
  });
  const asOf = seeded.asOf;
  const spec = {
    args: [...store.args, "--as-of", new Date(asOf).toISOString()],
    databaseUrl: store.databaseUrl,
    logDir: dir,
    name: `${backend}-${name}`,
  };
  const server = await startAndRestart(spec, where, "< 3 s");
  const started = memoryOf(server.pid);
  const count = history ? historyWrites : writes;
  const plan = {
    count,
    budgetMs: 1_200_000,
    capMs: WRITE_CAP_MS,
    service: benchService,
    finishedAt: () => asOf,
  };
  const series = await writeSeries(server, [server], plan);
  figure({
    figure: "write visible on /metrics",
    where,
    measured: series.text,
    target: "p50 < 1 s, p99 < 2 s",
  });
  if (!history) await scrapeLatency(server, where, scrapes, () => asOf);
  const after = memoryOf(server.pid);
  figure({
    figure: "serve RSS after start / after writes (peak)",
    where,
    measured: `${mb(started.rss)} / ${mb(after.rss)} (${mb(after.hwm)})`,
    target: "< 1.2 GB",
  });
  if (backend === "postgres" && !history && replicaWrites > 0)
    await replicaLag(
      server,
      { spec, writes: replicaWrites, capMs: REPLICA_CAP_MS, finishedAt: () => asOf },
      where,
    );
  await stop(server);
  return { p50: series.p50, rss: after.rss, where };
}

try {
  // The cores may be shared: the load says how much the figures owe to other work.
  console.log(
    `freshness benchmark: ${deployments} production deployments in the window, backends ${backends.join(", ")}; load average ${loadavg()[0]?.toFixed(1)}`,
  );
  await attempt("in-process", cpuRatio);
  await attempt("demo", () => demoFigures(dir, writes, WRITE_CAP_MS));
  for (const backend of backends)
    await attempt(backend, async () => {
      const windowed = await measureStore(backend);
      if (years === 0) return;
      const hist = await measureStore(backend, { years, deployments: older });
      const measured = `refresh p50 ${ratio(hist.p50, windowed.p50)}, RSS after writes ${ratio(hist.rss, windowed.rss)}`;
      figure({
        figure: "history / window-only",
        where: hist.where,
        measured,
        target: "within 1.25×",
      });
    });
} finally {
  await cleanUp();
  printTable();
  console.log(`load average at the end: ${loadavg()[0]?.toFixed(1)}`);
}
