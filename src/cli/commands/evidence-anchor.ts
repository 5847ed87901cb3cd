import { readFile } from "node:fs/promises";
import { privateKeyFrom, signCheckpoint } from "../../evidence/checkpoint.ts";
import { addCheckpoint } from "../../evidence/witness.ts";
import { type CommonOptions, describeStore, openContextStore } from "../context.ts";
import { writeStdout } from "../stdout.ts";

// `kpi-exporter evidence anchor --key FILE --witness DIR`: signs the ledger's head with an
// Ed25519 key the database never sees and adds the checkpoint to a witness directory kept
// apart from it; `evidence verify --witness DIR --public-key FILE` then holds the ledger
// against every checkpoint there (METRICS.md decision 155). Run it from cron or a CI
// schedule on a machine that holds the key.

export interface EvidenceAnchorOptions extends CommonOptions {
  key: string;
  witness: string;
}

export async function evidenceAnchorCommand(options: EvidenceAnchorOptions): Promise<number> {
  const privateKey = privateKeyFrom(await readFile(options.key, "utf8"), options.key);
  const store = await openContextStore(options);
  try {
    const head = await store.evidence.head();
    const checkpoint = signCheckpoint(head, Date.now(), privateKey);
    const file = await addCheckpoint(options.witness, checkpoint);
    await writeStdout(
      `checkpoint of record ${head.seq}${head.hash ? ` sha256 ${head.hash}` : " (empty ledger)"} signed by key ${checkpoint.keyId.slice(0, 16)}… written to ${file} (${describeStore(store, options)})\n`,
    );
    return 0;
  } finally {
    await store.close();
  }
}
