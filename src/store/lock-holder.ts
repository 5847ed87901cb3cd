import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { hostname } from "node:os";

// Who holds an embedded store's data dir, and whether that process still exists. Two
// PGlite processes on one directory lose each other's writes, so a lock is only ever
// taken over from a process that is certainly gone.

export interface LockHolder {
  pid: number;
  hostname: string;
  /** What it runs, e.g. `kpi-exporter serve`. */
  command: string;
  startedAt: string;
  /** Where it serves the API, once listening (serve, demo). */
  url?: string;
  /** The kernel's start time of the process: a reused pid has another one. */
  processStart?: string;
  /** Tells this lock from any other the same pid takes (a restarted container is pid 1 again). */
  token: string;
}

/** Tokens of the locks this process holds: a lock naming our pid and another token is stale. */
export const tokensHeldHere = new Set<string>();

/** Linux's start time of a process in clock ticks since boot, undefined where /proc is absent. */
export function processStartTime(pid: number | "self"): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) may hold spaces and parentheses; fields 3 on follow the last ")".
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19];
  } catch {
    return undefined;
  }
}

export function thisProcess(command: string): LockHolder {
  const processStart = processStartTime("self");
  return {
    pid: process.pid,
    hostname: hostname(),
    command,
    startedAt: new Date().toISOString(),
    ...(processStart !== undefined && { processStart }),
    token: randomUUID(),
  };
}

export function parseHolder(text: string): LockHolder | undefined {
  try {
    const value = JSON.parse(text) as Partial<LockHolder>;
    const valid =
      Number.isInteger(value.pid) &&
      typeof value.hostname === "string" &&
      typeof value.command === "string" &&
      typeof value.startedAt === "string" &&
      typeof value.token === "string";
    return valid ? (value as LockHolder) : undefined;
  } catch {
    return undefined;
  }
}

export const onThisHost = (holder: LockHolder) => holder.hostname === hostname();

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists under another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Gone for certain: on this host, and its pid is free, belongs to a process started at
 * another time, or is ours without our token. A holder on another host (a shared volume)
 * cannot be checked, so it is never stale.
 */
export function isStale(holder: LockHolder): boolean {
  if (!onThisHost(holder)) return false;
  if (holder.pid === process.pid) return !tokensHeldHere.has(holder.token);
  if (!processAlive(holder.pid)) return true;
  const start = processStartTime(holder.pid);
  return holder.processStart !== undefined && start !== undefined && start !== holder.processStart;
}
