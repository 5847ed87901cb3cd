import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  acquireDataDirLock,
  DataDirHeldError,
  type DataDirLock,
  LOCK_FILE,
} from "../../src/store/data-dir-lock.ts";
import { type LockHolder, processStartTime } from "../../src/store/lock-holder.ts";

// One process per PGlite data dir, with real processes: a live holder refuses others, a
// dead one (kill -9, a reused pid) is taken over, and of several processes recovering
// the same stale lock exactly one wins.

const MODULE = new URL("../../src/store/data-dir-lock.ts", import.meta.url).href;
// Waits for a common start instant, takes the lock, says how it went, holds it a while.
const TAKER = `
const { acquireDataDirLock, DataDirHeldError } = await import(${JSON.stringify(MODULE)});
const [dir, startAt, holdMs] = process.argv.slice(1);
await new Promise((r) => setTimeout(r, Math.max(0, Number(startAt) - Date.now())));
try {
  await acquireDataDirLock(dir, "kpi-exporter test", () => "held");
  process.stdout.write("won\\n");
  await new Promise((r) => setTimeout(r, Number(holdMs)));
} catch (error) {
  process.stdout.write(error instanceof DataDirHeldError ? "held\\n" : \`failed \${error.message}\\n\`);
}`;

function taker(dir: string, startAt: number, holdMs: number) {
  const argv = ["--input-type=module", "-e", TAKER, dir, `${startAt}`, `${holdMs}`];
  const child = spawn(process.execPath, argv);
  let out = "";
  const said = new Promise<string>((resolve) =>
    child.stdout.on("data", (d) => {
      out += d;
      resolve(out.trim());
    }),
  );
  return { child, said, exited: exited(child), output: () => out.trim() };
}

const exited = (child: ChildProcess) => new Promise((resolve) => child.on("close", resolve));
const describeHeld = (_dir: string, holder: LockHolder) => `held by pid ${holder.pid}`;

let dir: string;
let held: DataDirLock | undefined;
const lockFile = () => join(dir, LOCK_FILE);
const holderOnDisk = () => JSON.parse(readFileSync(lockFile(), "utf8")) as LockHolder;

function writeLock(holder: Partial<LockHolder>): void {
  const base = { hostname: hostname(), command: "t", startedAt: "2026-01-01T00:00Z", token: "1" };
  writeFileSync(lockFile(), JSON.stringify({ ...base, ...holder }));
}

async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ["-e", ""]);
  await exited(child);
  return child.pid as number;
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "kpi-lock-"));
});

afterEach(async () => {
  held?.release();
  held = undefined;
  await rm(dir, { recursive: true, force: true });
});

describe("the data dir lock", () => {
  it("names its holder in the data dir, and is gone once released", async () => {
    held = await acquireDataDirLock(dir, "kpi-exporter import", describeHeld);
    expect(holderOnDisk()).toMatchObject({
      pid: process.pid,
      hostname: hostname(),
      command: "kpi-exporter import",
    });
    held.advertise("http://127.0.0.1:9478");
    expect(holderOnDisk().url).toBe("http://127.0.0.1:9478");
    held.release();
    expect(existsSync(lockFile())).toBe(false);
  });

  it("refuses a second holder while the first lives, naming it", async () => {
    held = await acquireDataDirLock(dir, "kpi-exporter serve", describeHeld);
    const second = acquireDataDirLock(dir, "kpi-exporter import", describeHeld);
    await expect(second).rejects.toThrow(`held by pid ${process.pid}`);
    await expect(second).rejects.toBeInstanceOf(DataDirHeldError);
  });

  it("takes over the lock of a process killed with SIGKILL", async () => {
    const holder = taker(dir, 0, 60_000);
    expect(await holder.said).toBe("won");
    holder.child.kill("SIGKILL");
    await holder.exited;
    expect(holderOnDisk().pid).toBe(holder.child.pid);
    held = await acquireDataDirLock(dir, "kpi-exporter import", describeHeld);
    expect(holderOnDisk().pid).toBe(process.pid);
  });

  it("is removed when its process exits without releasing it", async () => {
    const holder = taker(dir, 0, 0);
    await holder.exited;
    expect(holder.output()).toBe("won");
    expect(existsSync(lockFile())).toBe(false);
  });

  // The start time comes from Linux's /proc; elsewhere a live pid is always a live holder.
  it.runIf(existsSync("/proc/self/stat"))(
    "takes over a lock whose pid now belongs to another process, not one whose process lives",
    async () => {
      const live = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60000)"]);
      try {
        const pid = live.pid as number;
        writeLock({ pid, processStart: processStartTime(pid) as string });
        await expect(acquireDataDirLock(dir, "t", describeHeld)).rejects.toThrow(`pid ${pid}`);
        writeLock({ pid, processStart: "1" });
        held = await acquireDataDirLock(dir, "t", describeHeld);
        expect(holderOnDisk().pid).toBe(process.pid);
      } finally {
        live.kill("SIGKILL");
        await exited(live);
      }
    },
  );

  it("sweeps the drafts of writers that are gone, and leaves a live writer's", async () => {
    const dead = join(dir, `${LOCK_FILE}.${await deadPid()}.0b1c2d3e-aaaa-4bbb-8ccc-123456789abc`);
    const live = join(dir, `${LOCK_FILE}.${process.ppid}.0b1c2d3e-aaaa-4bbb-8ccc-cba987654321`);
    const aside = join(dir, `${LOCK_FILE}.recover-x.stale-y`);
    for (const file of [dead, live, aside]) writeFileSync(file, "{}");
    const lock = await acquireDataDirLock(dir, "t", describeHeld);
    try {
      expect([existsSync(dead), existsSync(live), existsSync(aside)]).toEqual([false, true, false]);
    } finally {
      lock.release();
    }
  });

  it("never takes over a lock taken on another host", async () => {
    writeLock({ pid: await deadPid(), hostname: "elsewhere.example" });
    const refused = acquireDataDirLock(dir, "t", describeHeld);
    await expect(refused).rejects.toBeInstanceOf(DataDirHeldError);
    expect(holderOnDisk().hostname).toBe("elsewhere.example");
  });

  it("lets exactly one of several processes recovering the same stale lock win", async () => {
    writeLock({ pid: await deadPid() });
    const startAt = Date.now() + 2_000;
    const takers = Array.from({ length: 6 }, () => taker(dir, startAt, 4_000));
    await Promise.all(takers.map((t) => t.said));
    const outcomes = takers.map((t) => t.output()).sort();
    expect(outcomes).toEqual(["held", "held", "held", "held", "held", "won"]);
    const winner = takers.find((t) => t.output() === "won");
    expect(holderOnDisk().pid).toBe(winner?.child.pid);
    await Promise.all(takers.map((t) => t.exited));
  }, 30_000);
});
