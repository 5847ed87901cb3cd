import {
  linkSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import {
  isStale,
  type LockHolder,
  parseHolder,
  processAlive,
  thisProcess,
  tokensHeldHere,
} from "./lock-holder.ts";

// One process per PGlite data dir. The lock is a file in the directory naming its holder;
// it appears whole or not at all (a hard link of a written draft, which fails when the
// name exists), so a reader never sees it half written.

export const LOCK_FILE = "kpi-exporter.lock";

export class DataDirHeldError extends Error {
  readonly dataDir: string;
  readonly holder: LockHolder;

  constructor(dataDir: string, holder: LockHolder, message: string) {
    super(message);
    this.dataDir = dataDir;
    this.holder = holder;
  }
}

export interface DataDirLock {
  /** Records where the holder serves its API, for other commands to send their work to. */
  advertise(url: string): void;
  release(): void;
}

function errno(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException).code;
}

function readHolder(file: string): LockHolder | undefined {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    if (errno(error) === "ENOENT") return undefined;
    throw error;
  }
  const holder = parseHolder(text);
  if (!holder) throw new Error(`${file} is not a kpi-exporter lock: remove it`);
  return holder;
}

/** Writes a draft, then gives it the final name by link (create) or rename (replace). */
function publish(file: string, holder: LockHolder, replace: boolean): boolean {
  const draft = `${file}.${holder.pid}.${holder.token}`;
  writeFileSync(draft, `${JSON.stringify(holder)}\n`, { flag: "wx" });
  try {
    if (replace) renameSync(draft, file);
    else linkSync(draft, file);
    return true;
  } catch (error) {
    if (errno(error) === "EEXIST") return false;
    throw error;
  } finally {
    rmSync(draft, { force: true });
  }
}

/**
 * Removes a stale lock once. Recoverers of the same stale lock race for a guard named after
 * it; only the winner may delete that lock, so it cannot be replaced between the winner's
 * check and its delete, and a fresh lock taken meanwhile is never removed.
 */
function removeStale(file: string, stale: LockHolder, mine: LockHolder): void {
  const guard = `${file}.recover-${stale.token}`;
  try {
    // The guard names its writer, so one left by a recoverer killed mid-way is itself stale.
    writeFileSync(guard, JSON.stringify(mine), { flag: "wx" });
  } catch (error) {
    if (errno(error) !== "EEXIST") throw error;
    dropStaleGuard(guard, mine);
    return;
  }
  try {
    if (readHolder(file)?.token === stale.token) rmSync(file);
  } finally {
    rmSync(guard, { force: true });
  }
}

/** The holder a file names, or undefined when it is gone or not (yet) a whole lock. */
function holderIn(file: string): LockHolder | undefined {
  try {
    return parseHolder(readFileSync(file, "utf8"));
  } catch {
    return undefined;
  }
}

/** A draft's name: the lock's, then its writer's pid and token. */
const DRAFT = /^kpi-exporter\.lock\.(\d+)\.[0-9a-f-]+$/;

/**
 * Removes what a process killed mid-write leaves beside the lock: a draft of a writer
 * that is gone, or a guard moved aside. A live process's draft is left alone.
 */
function sweepLeftovers(dataDir: string): void {
  for (const name of readdirSync(dataDir)) {
    if (!name.startsWith(`${LOCK_FILE}.`)) continue;
    const draft = DRAFT.exec(name);
    const leftover = draft ? !processAlive(Number(draft[1])) : name.includes(".stale-");
    if (leftover) rmSync(join(dataDir, name), { force: true });
  }
}

/** Moves a dead recoverer's guard aside (a rename: one of several finders wins). */
function dropStaleGuard(guard: string, mine: LockHolder): void {
  const writer = holderIn(guard);
  if (writer === undefined || !isStale(writer)) return;
  const aside = `${guard}.stale-${mine.token}`;
  try {
    renameSync(guard, aside);
    rmSync(aside, { force: true });
  } catch {
    // Another finder moved it first.
  }
}

function holdLock(file: string, mine: LockHolder): DataDirLock {
  let held = mine;
  tokensHeldHere.add(mine.token);
  const release = () => {
    if (!tokensHeldHere.delete(mine.token)) return;
    process.off("exit", release);
    try {
      if (readHolder(file)?.token === mine.token) rmSync(file, { force: true });
    } catch {
      // Left in place, the lock names a process that is gone: the next opener takes it over.
    }
  };
  process.on("exit", release);
  return {
    advertise(url) {
      held = { ...held, url };
      if (tokensHeldHere.has(mine.token)) publish(file, held, true);
    },
    release,
  };
}

/**
 * Takes the data dir for this process, or throws DataDirHeldError naming the live holder.
 * A lock left by a process that is gone (killed, crashed) is taken over.
 */
export async function acquireDataDirLock(
  dataDir: string,
  command: string,
  describeHeld: (dataDir: string, holder: LockHolder) => string,
): Promise<DataDirLock> {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, LOCK_FILE);
  const mine = thisProcess(command);
  sweepLeftovers(dataDir);
  for (let attempt = 0; attempt < 50; attempt++) {
    if (publish(file, mine, false)) return holdLock(file, mine);
    const holder = readHolder(file);
    if (holder === undefined) continue;
    if (!isStale(holder))
      throw new DataDirHeldError(dataDir, holder, describeHeld(dataDir, holder));
    removeStale(file, holder, mine);
    // Another recoverer is at work: give it time to finish.
    if (readHolder(file)?.token === holder.token) await sleep(20);
  }
  throw new Error(
    `cannot take ${file}: its stale holder could not be removed; if no kpi-exporter uses ${dataDir}, delete ${file} and ${file}.recover-*`,
  );
}
