import { spawn } from "node:child_process";
import { createHash, randomInt } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { onTestFailed, onTestFinished } from "vitest";
import { BIN, REPO } from "../support/cli.ts";

// What the crash tests share about processes: seeded kill points, a journal of them that
// a failure prints (a failure must be reproducible, not a shrug), and the real command
// line run as a child process that can be killed with SIGKILL at a chosen moment.

/** One seed per run; CRASH_SEED=N replays a failed run's kill points. */
export const SEED = process.env.CRASH_SEED ? Number(process.env.CRASH_SEED) : randomInt(2 ** 31);

export const AS_OF = "2026-06-30T00:00:00Z";

export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [low, high]. */
  int(low: number, high: number): number;
}

/** mulberry32, seeded by SEED and a stream name, so scenarios do not share their draws. */
export function randomStream(name: string): Random {
  let state = (SEED ^ createHash("sha256").update(name).digest().readUInt32LE(0)) >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (low, high) => low + Math.floor(next() * (high - low + 1)) };
}

/**
 * Where each kill landed: printed when the test that made it fails, or always with
 * CRASH_VERBOSE=1 (to see where kills fall). Made inside a test.
 */
export class KillJournal {
  readonly #scenario: string;
  readonly #entries: string[] = [];

  constructor(scenario: string) {
    this.#scenario = scenario;
    const print = () => console.error(String(this));
    if (process.env.CRASH_VERBOSE) onTestFinished(print);
    else onTestFailed(print);
  }

  note(entry: string): void {
    this.#entries.push(entry);
  }

  toString(): string {
    const replay = `CRASH_SEED=${SEED} npx vitest run test/crash replays these draws`;
    return `${this.#scenario} (${replay}):\n  ${this.#entries.join("\n  ")}`;
  }
}

export interface Exit {
  pid: number;
  code: number | null;
  /** "SIGKILL" when the test killed it before it finished by itself. */
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** The environment a user would have, plus `env`: nothing inherited picks the store. */
export function userEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const clean: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ["DATABASE_URL", "KPI_CONFIG", "KPI_AS_OF", "KPI_READ_TOKEN"])
    delete clean[name];
  return Object.assign(clean, env);
}

/** Runs `kpi-exporter ARGS`; with `killAfterMs`, SIGKILLs it then unless it ended first. */
export async function runKpi(
  args: string[],
  env: Record<string, string>,
  killAfterMs?: number,
): Promise<Exit> {
  const started = performance.now();
  const child = spawn(process.execPath, [BIN, ...args], { cwd: REPO, env: userEnv(env) });
  child.stdin.end();
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d) => (stdout += d));
  child.stderr.on("data", (d) => (stderr += d));
  const closed = new Promise<Exit>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code, signal) =>
      resolve({
        pid: child.pid ?? 0,
        code,
        signal,
        stdout,
        stderr,
        ms: performance.now() - started,
      }),
    );
  });
  if (killAfterMs === undefined) return closed;
  const ended = await Promise.race([closed, sleep(killAfterMs).then(() => undefined)]);
  if (ended === undefined) child.kill("SIGKILL");
  return closed;
}
