import { parseCanonical, sha256Hex } from "../domain/canonical-json.ts";
import type { LedgerRecord } from "../domain/evidence-record.ts";
import type { ChainEntry } from "./package.ts";

// The shape of what a JSON package states, checked before it is trusted: a file edited by
// hand or written by another tool may lack its head or hold anything in its chain, and
// verification names that instead of failing on it.

/** What is wrong with the package's head, if anything: the chain is compared with it. */
export function headProblem(head: unknown): string | undefined {
  if (head === undefined || head === null)
    return "is missing: a package states its head as an object {seq, deploymentId, hash}";
  if (typeof head !== "object" || Array.isArray(head))
    return `must be an object {seq, deploymentId, hash}, got ${JSON.stringify(head)}`;
  const { seq, deploymentId, hash } = head as Record<string, unknown>;
  if (typeof seq !== "number" || !Number.isInteger(seq) || seq < 0)
    return `seq must be a whole number, 0 or more, got ${JSON.stringify(seq) ?? "nothing"}`;
  if (seq > 0 && (typeof hash !== "string" || typeof deploymentId !== "string"))
    return `record ${seq} must name its deploymentId and hash as strings`;
  return undefined;
}

/** The chain's record at this position with its hash, or why it is none. */
export function chainRecord(text: unknown): ChainEntry | string {
  if (typeof text !== "string")
    return `is ${JSON.stringify(text) ?? "nothing"}, not the text of a record`;
  const record = parseCanonical(text);
  if (record === undefined) return "is not canonical JSON: it was edited after hashing";
  const { seq, deploymentId, facts, verdict, kind, policy } = (record ?? {}) as Record<
    string,
    unknown
  >;
  const isObject = (v: unknown) => typeof v === "object" && v !== null;
  const judged = kind === "policy" ? isObject(policy) : isObject(facts) && isObject(verdict);
  if (typeof seq !== "number" || typeof deploymentId !== "string" || !judged)
    return "is canonical JSON but no evidence record (seq, deploymentId, facts, verdict) nor policy record (seq, deploymentId, kind, policy)";
  return { record: record as LedgerRecord, hash: sha256Hex(text) };
}
