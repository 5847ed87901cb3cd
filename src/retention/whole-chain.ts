import { openArchive } from "../archive/open-archive.ts";
import type { StoredEvidence } from "../store/evidence-ledger.ts";
import type { LedgerBase } from "../store/ledger-archive.ts";
import { readArchive } from "./read-archive.ts";

// The whole chain from record 1 once a prefix was pruned into the archive: the archived
// records up to the base, then the store's records after it. An evidence package carries
// the whole chain, so it verifies offline exactly as before any prune (decision 156).

/** What a package takes of a record: its place, its text as hashed and the hash. */
export type ChainText = Pick<StoredEvidence, "seq" | "text" | "hash">;

export async function wholeChain(
  rows: readonly StoredEvidence[],
  base: LedgerBase,
  archiveLocation: string | undefined,
): Promise<ChainText[]> {
  if (base.seq === 0) return [...rows];
  if (archiveLocation === undefined)
    throw new Error(
      `the ledger in the store starts after record ${base.seq} and the config names no retention archive holding the records before it`,
    );
  const reading = await readArchive(openArchive(archiveLocation), {
    keepTexts: true,
    through: base.seq,
  });
  if (reading.problems.length)
    throw new Error(`${archiveLocation}: ${reading.problems[0]} (run evidence verify --archive)`);
  const archived: ChainText[] = [];
  for (let seq = 1; seq <= base.seq; seq++) {
    const text = reading.texts?.get(seq);
    const hash = reading.hashes.get(seq);
    if (text === undefined || hash === undefined)
      throw new Error(`${archiveLocation}: record ${seq} is in no segment`);
    archived.push({ seq, text, hash });
  }
  return [...archived, ...rows.filter((row) => row.seq > base.seq)];
}
