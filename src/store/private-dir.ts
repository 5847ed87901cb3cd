import { chmodSync, mkdirSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { isMainThread } from "node:worker_threads";

// An embedded store holds approver names and the evidence ledger: its files are the
// owner's alone. The data dir is created 0700, which already keeps everything inside from
// others; PGlite creates its own files 0666 whatever the umask, so those are set to 0600
// (directories 0700) when the store opens and closes. A data dir someone made wider before
// is left as it is (its owner may share it on purpose) but reported.

/** Group and others: no access. */
const PRIVATE_UMASK = 0o077;

/**
 * Makes what this process creates from now on private (directories 0700, files 0600) and
 * creates dataDir so. Answers a warning when an existing dataDir is open to group or others.
 */
export function privateDataDir(dataDir: string): string | undefined {
  // Worker threads cannot set the umask (their process's main thread decides it).
  if (isMainThread) process.umask(PRIVATE_UMASK);
  let mode: number;
  try {
    mode = statSync(dataDir).mode;
  } catch {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    return undefined;
  }
  if ((mode & 0o077) === 0) return undefined;
  const shown = (mode & 0o777).toString(8).padStart(4, "0");
  return `data dir ${dataDir} is readable or writable by group or others (mode ${shown}); it holds approver names and the evidence ledger: chmod -R go-rwx ${dataDir}`;
}

/** Sets everything under dataDir (not dataDir itself) to the owner alone: files 0600, directories 0700. */
export function tightenModes(dataDir: string): void {
  for (const entry of readdirSync(dataDir, { recursive: true, withFileTypes: true })) {
    const path = join(entry.parentPath, entry.name);
    if (entry.isDirectory()) chmodSync(path, 0o700);
    else if (entry.isFile()) chmodSync(path, 0o600);
  }
}
