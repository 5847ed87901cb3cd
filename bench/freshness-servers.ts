// The real exporter processes of the freshness benchmark: `serve` (or `demo`) started as
// the command line starts them, on 127.0.0.1 only, each logging to a file. Every process
// started here is registered, so stopAll() in the caller's finally ends them all, even
// when a measurement fails half-way.
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { closeSync, openSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const CLI = fileURLToPath(new URL("../bin/kpi-exporter.js", import.meta.url));
export const API_TOKEN = "bench-freshness-token";
const running = new Set<ChildProcess>();

export interface Served {
  child: ChildProcess;
  pid: number;
  base: string;
  log: string;
  spawnedAt: number;
}

export interface ServeSpec {
  args: string[];
  /** postgres:// URL; unset, the store is the PGlite data directory in args. */
  databaseUrl?: string;
  logDir: string;
  name: string;
}

/** A port the kernel just handed out, free for the child to take. */
async function freePort(): Promise<number> {
  const probe = createServer().listen(0, "127.0.0.1");
  await once(probe, "listening");
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

export async function startServer(spec: ServeSpec): Promise<Served> {
  const port = await freePort();
  const log = join(spec.logDir, `${spec.name}.log`);
  const env: NodeJS.ProcessEnv = { ...process.env, KPI_API_TOKEN: API_TOKEN };
  delete env.DATABASE_URL;
  if (spec.databaseUrl) env.DATABASE_URL = spec.databaseUrl;
  const args = [CLI, ...spec.args, "--host", "127.0.0.1", "--port", String(port)];
  const spawnedAt = performance.now();
  const stderr = openSync(log, "a");
  const child = spawn(process.execPath, args, { env, stdio: ["ignore", "ignore", stderr] });
  closeSync(stderr); // the child holds its own copy
  running.add(child);
  child.once("exit", () => running.delete(child));
  if (child.pid === undefined) throw new Error(`${spec.name} did not start`);
  return { child, pid: child.pid, base: `http://127.0.0.1:${port}`, log, spawnedAt };
}

/** The log line that says why a server stopped (an error, or V8 running out of heap). */
function reason(file: string): string {
  const lines = readFileSync(file, "utf8").trimEnd().split("\n");
  return lines.findLast((l) => /FATAL|level=error|Error/.test(l)) ?? lines.at(-1) ?? "";
}

/** Milliseconds from spawn to the first /metrics 200, polling every 50 ms. */
export async function untilFirst200(
  s: Served,
  limitMs: number,
  path = "/metrics",
): Promise<number> {
  while (performance.now() - s.spawnedAt < limitMs) {
    if (s.child.exitCode !== null || s.child.signalCode !== null)
      throw new Error(`server exited ${s.child.exitCode ?? s.child.signalCode}: ${reason(s.log)}`);
    const status = await fetch(`${s.base}${path}`, { signal: AbortSignal.timeout(5_000) }).then(
      async (r) => {
        await r.arrayBuffer();
        return r.status;
      },
      () => 0,
    );
    if (status === 200) return performance.now() - s.spawnedAt;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no ${path} 200 within ${limitMs / 1000} s; last: ${reason(s.log)}`);
}

/** Resident and peak resident memory of a process, MB, from /proc. */
export function memoryOf(pid: number): { rss: number; hwm: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+)`, "m").exec(status)?.[1]);
  return { rss: kb("VmRSS") / 1024, hwm: kb("VmHWM") / 1024 };
}

/** SIGTERM (the server closes its store: PGlite checkpoints), then SIGKILL after 30 s. */
export async function stop(s: Served | ChildProcess): Promise<void> {
  const child = "child" in s ? s.child : s;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, "exit");
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
  await exited;
  clearTimeout(timer);
}

export async function stopAll(): Promise<void> {
  await Promise.all([...running].map((child) => stop(child)));
}
