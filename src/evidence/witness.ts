import type { KeyObject } from "node:crypto";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { StoredEvidence } from "../store/evidence-ledger.ts";
import type { ChainHead } from "./chain.ts";
import { type Checkpoint, readCheckpoint } from "./checkpoint.ts";

// The witness: a directory outside the database (another machine's mount, a synced
// bucket) where checkpoints are added and never rewritten, and the check of a ledger
// against every checkpoint in it (decision 155).

const NAME = /^checkpoint-\d{12}-\d{8}T\d{6}Z\.json$/;

export function checkpointFileName(checkpoint: Checkpoint): string {
  const at = checkpoint.signedAt.replace(/[-:]|\.\d+/g, "");
  return `checkpoint-${String(checkpoint.seq).padStart(12, "0")}-${at}.json`;
}

/** Adds the checkpoint to the witness; a file of that name is never overwritten. */
export async function addCheckpoint(dir: string, checkpoint: Checkpoint): Promise<string> {
  await mkdir(dir, { recursive: true });
  const file = join(dir, checkpointFileName(checkpoint));
  await writeFile(file, `${JSON.stringify(checkpoint, null, 2)}\n`, { flag: "wx", mode: 0o444 });
  return file;
}

export interface WitnessReading {
  checkpoints: Checkpoint[];
  /** Files that are not a checkpoint this key signed, with the reason. */
  untrusted: { file: string; why: string }[];
}

export async function readWitness(dir: string, publicKey: KeyObject): Promise<WitnessReading> {
  const names = (await readdir(dir)).filter((name) => NAME.test(name)).sort();
  const reading: WitnessReading = { checkpoints: [], untrusted: [] };
  for (const name of names) {
    const found = readCheckpoint(await readFile(join(dir, name), "utf8"), publicKey);
    if (typeof found === "string") reading.untrusted.push({ file: name, why: found });
    else reading.checkpoints.push(found);
  }
  return reading;
}

/** What the ledger no longer holds of each checkpoint; none when it holds them all. */
export function anchorProblems(
  rows: readonly StoredEvidence[],
  head: ChainHead,
  checkpoints: readonly Checkpoint[],
): string[] {
  const bySeq = new Map(rows.map((row) => [row.seq, row]));
  const problems: string[] = [];
  for (const cp of checkpoints) {
    const at = `checkpoint of ${cp.signedAt} (record ${cp.seq}, sha256 ${cp.hash ?? "none"})`;
    if (cp.seq === 0) continue;
    if (head.seq < cp.seq) {
      const what = head.seq === 0 ? "the ledger was wiped" : "records were cut from its tail";
      problems.push(`the head is at record ${head.seq}, behind the ${at}: ${what}`);
      continue;
    }
    const row = bySeq.get(cp.seq);
    if (!row) problems.push(`record ${cp.seq} of the ${at} is gone`);
    else if (row.hash !== cp.hash)
      problems.push(
        `record ${cp.seq} has sha256 ${row.hash}, not the one of the ${at}: the chain was re-sealed from it or before`,
      );
  }
  return problems;
}
