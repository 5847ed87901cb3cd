import { type ChildProcess, spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { stringify } from "yaml";
import { findBinary } from "./binaries.ts";
import { PrometheusApi } from "./prometheus-api.ts";

// A real Prometheus server for tests: its own config in a temp dir, a loopback port, and
// the caller's storage dir when given (blocks made by promtool's backfill). Guard the
// test with requireBinary("prometheus", …) and stop it in afterAll; a process-exit hook
// kills any server a crashed test left behind.

export interface ScrapeTarget {
  job: string;
  /** Full URL of the metrics endpoint, e.g. http://127.0.0.1:9478/metrics. */
  url: string;
}

export interface PrometheusOptions {
  scrapeTargets?: readonly ScrapeTarget[];
  /** Rule files or globs, as Prometheus reads them; resolved against the working directory. */
  ruleFiles?: readonly string[];
  /** An existing TSDB directory, left in place on stop; a temp dir otherwise. */
  storageDir?: string;
  scrapeInterval?: string;
  evaluationInterval?: string;
  /** Top-level config sections added as they are, e.g. `{ alerting: {...} }`. */
  extraConfig?: Record<string, unknown>;
  extraArgs?: readonly string[];
  readyTimeoutMs?: number;
}

const running = new Set<ChildProcess>();
const tempDirs = new Set<string>();
process.once("exit", () => {
  for (const child of running) child.kill("SIGKILL");
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

export class PrometheusServer extends PrometheusApi {
  readonly configFile: string;
  readonly storageDir: string;
  readonly #child: ChildProcess;
  readonly #tempDir: string;
  readonly #log: { text: string };
  readonly #exited: Promise<void>;

  constructor(
    url: string,
    child: ChildProcess,
    files: { tempDir: string; configFile: string; storageDir: string },
    log: { text: string },
    exited: Promise<void>,
  ) {
    super(url);
    this.#child = child;
    this.#tempDir = files.tempDir;
    this.configFile = files.configFile;
    this.storageDir = files.storageDir;
    this.#log = log;
    this.#exited = exited;
  }

  get alive(): boolean {
    return running.has(this.#child);
  }

  /** Prometheus's own log so far (stderr), for failure messages. */
  log(): string {
    return this.#log.text;
  }

  /** Resolves once every target of the job was scraped and its `up` sample is queryable. */
  async waitForScrape(job: string, timeoutMs = 20_000): Promise<void> {
    await this.#until(`job "${job}" scraped`, timeoutMs, async () => {
      const targets = (await this.targets()).filter((t) => t.labels.job === job);
      if (targets.length === 0 || targets.some((t) => t.health !== "up")) return false;
      const up = await this.vector(`up{job=${JSON.stringify(job)}}`);
      return up.length === targets.length;
    });
  }

  /** Resolves once every loaded rule group was evaluated at least once. */
  async waitForRuleEvaluation(timeoutMs = 20_000): Promise<void> {
    await this.#until("every rule group evaluated", timeoutMs, async () => {
      const groups = await this.rules();
      return groups.length > 0 && groups.every((g) => !g.lastEvaluation.startsWith("0001-"));
    });
  }

  /** Kills the server, waits for it to exit and removes its temp dir. Safe to call twice. */
  async stop(): Promise<void> {
    if (this.alive) {
      this.#child.kill("SIGTERM");
      const timer = setTimeout(() => this.#child.kill("SIGKILL"), 10_000);
      await this.#exited;
      clearTimeout(timer);
    }
    await rm(this.#tempDir, { recursive: true, force: true });
    tempDirs.delete(this.#tempDir);
  }

  async #until(what: string, timeoutMs: number, probe: () => Promise<boolean>): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let last: unknown;
    for (;;) {
      try {
        if (await probe()) return;
      } catch (error) {
        last = error;
      }
      if (!this.alive)
        throw new Error(`Prometheus exited while waiting for ${what}:\n${this.log()}`);
      if (Date.now() > deadline)
        throw new Error(
          `${what}: not within ${timeoutMs} ms${last ? ` (${String(last)})` : ""}\n${this.log()}`,
        );
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

/** Starts Prometheus and resolves once /-/ready answers 200. Throws when it cannot. */
export async function startPrometheus(options: PrometheusOptions = {}): Promise<PrometheusServer> {
  const binary = findBinary("prometheus");
  if (!binary) throw new Error("prometheus is not on the PATH (Debian package prometheus)");
  const tempDir = await mkdtemp(join(tmpdir(), "kpi-prometheus-"));
  tempDirs.add(tempDir);
  const configFile = join(tempDir, "prometheus.yml");
  const storageDir = options.storageDir ?? join(tempDir, "data");
  await writeFile(configFile, configYaml(options));
  // The port is chosen before Prometheus binds it; another process may win that race.
  for (let attempt = 1; ; attempt++) {
    const server = launch(binary, await freePort(), { tempDir, configFile, storageDir }, options);
    try {
      await waitReady(server, options.readyTimeoutMs ?? 60_000);
      return server;
    } catch (error) {
      await server.stop().catch(() => {});
      if (attempt < 3 && /address already in use/.test(server.log())) continue;
      throw error;
    }
  }
}

function configYaml(options: PrometheusOptions): string {
  const scrapeInterval = options.scrapeInterval ?? "1s";
  const jobs = new Map<string, { path: string; targets: string[] }>();
  for (const { job, url } of options.scrapeTargets ?? []) {
    const { host, pathname, protocol } = new URL(url);
    if (protocol !== "http:") throw new Error(`scrape target ${url}: only http is supported`);
    const entry = jobs.get(job) ?? { path: pathname, targets: [] };
    if (entry.path !== pathname) throw new Error(`job ${job}: targets with different paths`);
    entry.targets.push(host);
    jobs.set(job, entry);
  }
  return stringify({
    global: {
      scrape_interval: scrapeInterval,
      scrape_timeout: scrapeInterval,
      evaluation_interval: options.evaluationInterval ?? "1s",
    },
    rule_files: (options.ruleFiles ?? []).map((file) => resolve(file)),
    scrape_configs: [...jobs].map(([job, { path, targets }]) => ({
      job_name: job,
      metrics_path: path,
      static_configs: [{ targets }],
    })),
    ...options.extraConfig,
  });
}

function launch(
  binary: string,
  port: number,
  files: { tempDir: string; configFile: string; storageDir: string },
  options: PrometheusOptions,
): PrometheusServer {
  const args = [
    `--config.file=${files.configFile}`,
    `--storage.tsdb.path=${files.storageDir}`,
    `--web.listen-address=127.0.0.1:${port}`,
    // Backfilled blocks are months old: a short retention would delete them on start.
    "--storage.tsdb.retention.time=100y",
    "--log.level=warn",
    ...(options.extraArgs ?? []),
  ];
  const child = spawn(binary, args, { stdio: ["ignore", "ignore", "pipe"] });
  running.add(child);
  const log = { text: "" };
  child.stderr?.on("data", (chunk) => {
    log.text = (log.text + chunk).slice(-20_000);
  });
  const exited = new Promise<void>((resolveExit) =>
    child.on("close", () => {
      running.delete(child);
      resolveExit();
    }),
  );
  child.on("error", (error) => {
    log.text += `\nspawn failed: ${error.message}`;
  });
  return new PrometheusServer(`http://127.0.0.1:${port}`, child, files, log, exited);
}

async function waitReady(server: PrometheusServer, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ready = await fetch(`${server.url}/-/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) return;
    if (!server.alive) throw new Error(`Prometheus exited before it was ready:\n${server.log()}`);
    if (Date.now() > deadline)
      throw new Error(`Prometheus not ready within ${timeoutMs} ms:\n${server.log()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A port free on the loopback interface at the moment of asking. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolvePort(port));
    });
  });
}
