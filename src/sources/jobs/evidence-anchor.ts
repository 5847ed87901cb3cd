import { readFileSync } from "node:fs";
import type { ConfigFile } from "../../config/schema.ts";
import { errorMessage } from "../../domain/error-message.ts";
import { privateKeyFrom, signCheckpoint } from "../../evidence/checkpoint.ts";
import { addCheckpoint } from "../../evidence/witness.ts";
import type { Collector, RunReport, SourceDefinition } from "../collector.ts";

// `evidence_anchor` in the config: the leading `serve` (and `sync`) signs the ledger's
// head into the witness on a schedule, as `evidence anchor` does by hand. It runs as a
// collector, so it has the collectors' self-metrics and alerts: a witness that cannot be
// written pages like a source that cannot be read (decision 155).

export const ANCHOR_JOB = "evidence_anchor";

export function anchorJob(config: ConfigFile): Collector | undefined {
  const settings = config.evidence_anchor;
  if (!settings) return undefined;
  // Read at start: a key that is missing or of the wrong kind stops the start, named.
  let pem: string;
  try {
    pem = readFileSync(settings.key_file, "utf8");
  } catch (error) {
    throw new Error(`evidence_anchor.key_file: ${errorMessage(error)}`);
  }
  const privateKey = privateKeyFrom(pem, settings.key_file);
  return {
    name: ANCHOR_JOB,
    intervalMs: settings.interval,
    async run(deps): Promise<RunReport> {
      const head = await deps.store.evidence.head();
      // The wall clock, not deps.now(): --as-of fixes the evaluation instant, not the signing.
      const checkpoint = signCheckpoint(head, Date.now(), privateKey);
      const file = await addCheckpoint(settings.witness, checkpoint);
      return { written: 0, summary: `checkpoint of record ${head.seq} in ${file}` };
    },
  };
}

/** Not a source: the ledger's scheduled checkpoint, run where the collectors run. */
export const anchorJobSource: SourceDefinition = {
  name: ANCHOR_JOB,
  kind: "job",
  create: (config) => anchorJob(config),
};
