import type { KeyObject } from "node:crypto";
import type { Archive } from "../archive/archive.ts";
import { openArchive } from "../archive/open-archive.ts";
import { after } from "../config/retention-period.ts";
import type { ChainHead } from "../domain/evidence-chain.ts";
import type { StoredEvidence } from "../store/evidence-ledger.ts";
import { type Checkpoint, readCheckpoint } from "./checkpoint.ts";

// The witness: a place outside the database (another machine's directory, an S3 bucket
// with Object Lock) where checkpoints are added and never rewritten, and the check of a
// ledger against every checkpoint in it (decisions 155, 156).

const NAME = /^checkpoint-\d{12}-\d{8}T\d{6}Z\.json$/;

/** How long a checkpoint in a bucket is locked against deletion: the evidence it pins. */
const CHECKPOINT_RETENTION = { years: 7 };

export function checkpointFileName(checkpoint: Checkpoint): string {
  const at = checkpoint.signedAt.replace(/[-:]|\.\d+/g, "");
  return `checkpoint-${String(checkpoint.seq).padStart(12, "0")}-${at}.json`;
}

const witnessOf = (witness: string | Archive) =>
  typeof witness === "string" ? openArchive(witness) : witness;

/** Adds the checkpoint to the witness; an object of that name is never overwritten. */
export async function addCheckpoint(
  witness: string | Archive,
  checkpoint: Checkpoint,
): Promise<string> {
  const archive = witnessOf(witness);
  const name = checkpointFileName(checkpoint);
  const body = Buffer.from(`${JSON.stringify(checkpoint, null, 2)}\n`);
  await archive.put(name, body, {
    retainUntilMs: after(Date.parse(checkpoint.signedAt), CHECKPOINT_RETENTION),
    legalHold: false,
  });
  return archive.location.startsWith("s3://")
    ? `${archive.location.replace(/\/?$/, "/")}${name}`
    : `${archive.location.replace(/\/$/, "")}/${name}`;
}

export interface WitnessReading {
  checkpoints: Checkpoint[];
  /** Objects that are not a checkpoint this key signed, with the reason. */
  untrusted: { file: string; why: string }[];
}

export async function readWitness(
  witness: string | Archive,
  publicKey: KeyObject,
): Promise<WitnessReading> {
  const archive = witnessOf(witness);
  const names = (await archive.list("")).filter((name) => NAME.test(name));
  const reading: WitnessReading = { checkpoints: [], untrusted: [] };
  for (const name of names) {
    const body = await archive.get(name);
    const found = body ? readCheckpoint(body.toString("utf8"), publicKey) : "cannot be read";
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
  pruned: { base: ChainHead; archived?: ReadonlyMap<number, string> } = { base: { seq: 0 } },
): string[] {
  const bySeq = new Map<number, { hash: string }>(rows.map((row) => [row.seq, row]));
  // Records pruned into the archive are held against the archive's copy: without it read,
  // a checkpoint of a pruned record is named as gone.
  const { base, archived } = pruned;
  if (base.seq > 0 && base.hash) bySeq.set(base.seq, { hash: base.hash });
  for (const [seq, hash] of archived ?? []) if (!bySeq.has(seq)) bySeq.set(seq, { hash });
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
