import { readFile } from "node:fs/promises";
import { openArchive } from "../../archive/open-archive.ts";
import { publicKeyFrom } from "../../evidence/checkpoint.ts";
import { plural } from "../../evidence/ledger-check.ts";
import { anchorProblems, readWitness } from "../../evidence/witness.ts";
import { readArchive } from "../../retention/read-archive.ts";
import { writeStdout } from "../stdout.ts";

// `kpi-exporter evidence verify --archive DIR|s3://bucket/prefix`: the sealed ledger
// segments alone, no store and no config (decision 156): each segment intact, the
// segments one chain from record 1, and, with --witness, every signed checkpoint the
// archive reaches held by it. What an auditor runs years after the exporter is gone.

export interface ArchiveVerifyOptions {
  archive: string;
  witness?: string;
  publicKey?: string;
  json?: boolean;
}

export async function verifyArchiveCommand(options: ArchiveVerifyOptions): Promise<number> {
  const reading = await readArchive(openArchive(options.archive));
  const last = reading.segments[reading.segments.length - 1]?.header;
  const problems = [...reading.problems];
  let checkpoints = 0;
  if (options.witness !== undefined) {
    if (options.publicKey === undefined)
      throw new Error("--witness needs --public-key: the key the checkpoints were signed with");
    const key = publicKeyFrom(await readFile(options.publicKey, "utf8"), options.publicKey);
    const witness = await readWitness(options.witness, key);
    // Checkpoints past the archive's end pin records still only in the store.
    const reached = witness.checkpoints.filter((cp) => cp.seq <= (last?.last ?? 0));
    checkpoints = reached.length;
    const head = last ? { seq: last.last, hash: last.lastHash, deploymentId: "" } : { seq: 0 };
    problems.push(
      ...witness.untrusted.map((u) => `witness file ${u.file}: ${u.why}`),
      ...anchorProblems([], head, reached, { base: head, archived: reading.hashes }),
    );
  }
  const intact = problems.length === 0;
  if (options.json) {
    const result = { intact, segments: reading.segments.length, records: last?.last ?? 0 };
    await writeStdout(
      `${JSON.stringify({ ...result, lastHash: last?.lastHash, checkpoints, problems }, null, 2)}\n`,
    );
    return intact ? 0 : 1;
  }
  for (const problem of problems) await writeStdout(`${problem}\n`);
  if (!intact) {
    await writeStdout(
      `evidence archive NOT intact: ${plural(problems.length, "problem")} in ${plural(reading.segments.length, "segment")} (${options.archive})\n`,
    );
    return 1;
  }
  const held = options.witness ? `, holding ${plural(checkpoints, "signed checkpoint")}` : "";
  await writeStdout(
    last
      ? `evidence archive intact: ${plural(reading.segments.length, "segment")}, records 1–${last.last}, last record sha256 ${last.lastHash}, newest recorded ${last.newestRecordedAt} (${options.archive})${held}\n`
      : `evidence archive is empty (${options.archive})\n`,
  );
  return 0;
}
