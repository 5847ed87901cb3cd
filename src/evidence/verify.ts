import { canonicalJson, parseCanonical, sha256Hex } from "../domain/canonical-json.ts";
import type { ChainHead } from "../domain/evidence-chain.ts";
import { type EvidenceLink, isPolicyRecord, type LedgerRecord } from "../domain/evidence-record.ts";
import type { StoredEvidence } from "../store/evidence-ledger.ts";

// Walks the ledger in seq order and names every record that is not what was appended.
// Each record must be canonical JSON hashing to its stored hash, agree with its own
// columns, and link to the record before it; the last must be the head. A broken link
// tells what happened from where it points: past the previous record (records deleted),
// before it (records inserted), at it with another hash (that record modified).

export type TamperKind = "modified" | "inserted" | "deleted";

export interface EvidenceIssue {
  kind: TamperKind;
  seq: number;
  /** undefined when a record was deleted and nothing left names its deployment. */
  deploymentId?: string;
  message: string;
}

interface Seen {
  seq: number;
  deploymentId: string;
  hash: string;
}

/** The digest columns a record's content implies; records before policies cite none. */
function digestsOf(record: LedgerRecord): { facts: string; policy: string | undefined } {
  if (isPolicyRecord(record)) return { facts: record.policy.digest, policy: record.policy.digest };
  return { facts: sha256Hex(canonicalJson(record.facts)), policy: record.policy };
}

function integrityProblem(
  row: StoredEvidence,
  record: LedgerRecord | undefined,
): string | undefined {
  if (!record) return "its content is not the canonical JSON that was hashed";
  if (sha256Hex(row.text) !== row.hash) return "its content does not match its hash";
  const columns: [string, boolean][] = [
    ["seq", record.seq === row.seq],
    ["deployment_id", record.deploymentId === row.deploymentId],
    // A policy record's finished_at column holds its append's instant (domain/evidence-chain.ts).
    [
      "finished_at",
      Date.parse(isPolicyRecord(record) ? record.recordedAt : record.facts?.finishedAt) ===
        row.finishedAtMs,
    ],
    ["recorded_at", Date.parse(record.recordedAt) === row.recordedAtMs],
    // The digest columns decide what the next append supersedes, so they must be the
    // content's too: an edited column could otherwise hide a change or force a record.
    ["facts_digest", digestsOf(record).facts === row.factsDigest],
    ["policy_digest", digestsOf(record).policy === row.policyDigest],
  ];
  const wrong = columns.filter(([, same]) => !same).map(([name]) => name);
  return wrong.length ? `its columns disagree with its content (${wrong.join(", ")})` : undefined;
}

class Findings {
  readonly issues: EvidenceIssue[] = [];
  readonly #named = new Set<number>();

  add(kind: TamperKind, seq: number, deploymentId: string | undefined, why: string): void {
    if (this.#named.has(seq)) return;
    this.#named.add(seq);
    this.issues.push({ kind, seq, deploymentId, message: `${kind}: ${why}` });
  }

  deleted(from: number, through: EvidenceLink | ChainHead, why: string): void {
    for (let seq = from; seq <= through.seq; seq++)
      this.add("deleted", seq, seq === through.seq ? through.deploymentId : undefined, why);
  }
}

function checkLink(found: Findings, accepted: Seen[], row: Seen, link: EvidenceLink | null): void {
  const prev = accepted[accepted.length - 1];
  const at = link?.seq ?? 0;
  const before = prev?.seq ?? 0;
  if (at > before)
    found.deleted(before + 1, link as EvidenceLink, `record ${row.seq} follows record ${at}`);
  else if (at < before)
    for (const inserted of accepted.filter((a) => a.seq > at))
      found.add(
        "inserted",
        inserted.seq,
        inserted.deploymentId,
        `record ${row.seq} follows record ${at}`,
      );
  else if (prev && link && link.hash !== prev.hash)
    found.add(
      "modified",
      prev.seq,
      prev.deploymentId,
      link.deploymentId === prev.deploymentId
        ? `record ${row.seq} holds another hash for it`
        : `record ${row.seq} follows a record of deployment ${link.deploymentId} there`,
    );
}

/**
 * Every problem of the ledger, in seq order; none for an intact one. Once a prefix was
 * pruned into the archive, the chain in the store starts after `base`, the last record
 * pruned; the policy records kept from before it are checked each on its own.
 */
export function verifyLedger(
  rows: readonly StoredEvidence[],
  head: ChainHead,
  base: ChainHead = { seq: 0 },
): EvidenceIssue[] {
  const found = new Findings();
  const accepted: Seen[] =
    base.seq > 0
      ? [{ seq: base.seq, deploymentId: base.deploymentId ?? "", hash: base.hash ?? "" }]
      : [];
  let previousSeq: number | undefined;
  for (const row of rows) {
    // Rows come sorted from a sequential read: without the primary key's index, a row
    // inserted beside another of the same seq is there to be seen.
    const duplicate = row.seq === previousSeq;
    previousSeq = row.seq;
    if (duplicate) {
      found.add("inserted", row.seq, row.deploymentId, `a second record holds seq ${row.seq}`);
      continue;
    }
    if (row.seq > head.seq) {
      found.add(
        "inserted",
        row.seq,
        row.deploymentId,
        `it comes after the head, record ${head.seq}`,
      );
      continue;
    }
    const record = parseCanonical(row.text) as LedgerRecord | undefined;
    const problem = integrityProblem(row, record);
    if (problem) found.add("modified", row.seq, row.deploymentId, problem);
    if (row.seq <= base.seq) continue;
    const seen = { seq: row.seq, deploymentId: row.deploymentId, hash: row.hash };
    // A link is evidence only while the record holding it is the text that was hashed.
    if (record && sha256Hex(row.text) === row.hash)
      checkLink(found, accepted, seen, record.previous ?? null);
    accepted.push(seen);
  }
  const last = accepted[accepted.length - 1];
  const end = last?.seq ?? 0;
  if (head.seq > end)
    found.deleted(
      end + 1,
      head,
      `the ledger ends at record ${end}, its head is record ${head.seq}`,
    );
  else if (last && head.hash !== last.hash)
    found.add("modified", last.seq, last.deploymentId, "the head holds another hash for it");
  return found.issues.sort((a, b) => a.seq - b.seq);
}
