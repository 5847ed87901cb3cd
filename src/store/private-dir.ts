import { chmodSync, type Dirent, mkdirSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

// An embedded store holds approver names and the evidence ledger: its files are the
// owner's alone. The data dir is created 0700, which already keeps everything inside from
// others; PGlite creates its own files 0666 whatever the umask, so those are set to 0600
// (directories 0700) when the store opens and closes. A data dir someone made wider before
// is left as it is (its owner may share it on purpose) but reported.

/**
 * Creates dataDir 0700 when missing. Answers a warning when an existing dataDir is open to
 * group or others; its contents are then left as they are (see tightenModes).
 */
export function privateDataDir(dataDir: string): string | undefined {
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

/**
 * Sets what this process owns under a private dataDir to the owner alone: files 0600,
 * directories 0700. A data dir opened to others on purpose is left alone, and so is an
 * entry this user does not own (a volume's lost+found); one that cannot be changed is
 * skipped, since a store must not fail to open over a permission.
 */
export function tightenModes(dataDir: string): void {
  if ((statSync(dataDir).mode & 0o077) !== 0) return;
  const uid = process.getuid?.();
  const dirs = [dataDir];
  for (let dir = dirs.pop(); dir !== undefined; dir = dirs.pop()) {
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      continue; // not ours to read (a volume's lost+found), or gone
    }
    for (const entry of entries) {
      const path = join(dir, entry.name);
      try {
        if (uid !== undefined && statSync(path).uid !== uid) continue;
        if (entry.isDirectory()) {
          chmodSync(path, 0o700);
          dirs.push(path);
        } else if (entry.isFile()) chmodSync(path, 0o600);
      } catch {
        // Gone since it was listed (PGlite removes temporary files), or not ours to change.
      }
    }
  }
}
