import { createHash } from "node:crypto";
import type { RecordKind } from "../domain/records.ts";
import { identityOf } from "../store/record-table.ts";
import { tableOf } from "../store/tables.ts";

// Two lines of one input with the same identity but different content: the store keeps
// the later one (an import is an upsert), which is right for a restatement and wrong for
// a producer that reuses ids. Either way the user is told, with both line numbers.

/** Identities remembered per input; past this, later duplicates go unreported (memory). */
export const DUPLICATES_TRACKED = 1_000_000;

export class DuplicateWatch {
  readonly #seen = new Map<string, { line: number; digest: string }>();

  /** The earlier line whose record had this identity and other content, if any. */
  conflict(kind: RecordKind, record: unknown, line: number): number | undefined {
    const identity = `${kind} ${identityOf(tableOf(kind), record as Record<string, unknown>)}`;
    const digest = createHash("sha1").update(JSON.stringify(record)).digest("base64");
    const earlier = this.#seen.get(identity);
    if (earlier === undefined && this.#seen.size >= DUPLICATES_TRACKED) return undefined;
    this.#seen.set(identity, { line, digest });
    return earlier !== undefined && earlier.digest !== digest ? earlier.line : undefined;
  }
}
