import { readFile } from "node:fs/promises";
import { errorMessage } from "../../domain/error-message.ts";
import { policyRecordsFor } from "../../evidence/adopt-policies.ts";
import { parsePackageCsv } from "../../evidence/package-csv.ts";
import {
  chainPolicies,
  type ListedPolicy,
  policiesInForce,
  policyLine,
} from "../../evidence/policies-view.ts";
import { parseInstantOption } from "../as-of.ts";
import { type CommonOptions, describeStore, loadContext, openContextStore } from "../context.ts";
import { writeStdout } from "../stdout.ts";

// `kpi-exporter evidence policies [--at ISO] [--history] [--json] [--package FILE]`: the
// compliance policy in force at an instant (default now) per organisation and team, or
// every version as the ledger recorded it; from the store's ledger, or offline from an
// evidence package's chain. Read only: a version the config holds and the ledger has not
// recorded yet is shown as pending.

export interface EvidencePoliciesOptions extends CommonOptions {
  at?: string;
  history?: boolean;
  json?: boolean;
  package?: string;
}

async function fromPackage(file: string): Promise<ListedPolicy[]> {
  const text = await readFile(file, "utf8");
  if (!text.trimStart().startsWith("{")) return chainPolicies(parsePackageCsv(text).chain);
  let chain: unknown;
  try {
    chain = (JSON.parse(text) as { chain?: unknown }).chain;
  } catch (error) {
    throw new Error(`${file}: not JSON: ${errorMessage(error)}`);
  }
  if (!Array.isArray(chain)) throw new Error(`${file}: has no chain: not an evidence package`);
  return chainPolicies(chain);
}

async function fromStore(options: EvidencePoliciesOptions): Promise<[ListedPolicy[], string]> {
  const ctx = await loadContext(options);
  const store = await openContextStore(options);
  try {
    const known = await store.evidence.rows();
    const seqOf = new Map(known.map((row) => [row.factsDigest, row.seq]));
    const { records } = await policyRecordsFor(store, ctx.config, {
      now: Date.now(),
      record: false,
    });
    const listed = records.map((r) => ({ ...r, seq: seqOf.get(r.digest) }));
    return [listed, describeStore(store, options)];
  } finally {
    await store.close();
  }
}

export async function evidencePoliciesCommand(options: EvidencePoliciesOptions): Promise<number> {
  const at = options.at === undefined ? Date.now() : parseInstantOption("--at", options.at);
  const [records, where] =
    options.package === undefined
      ? await fromStore(options)
      : [await fromPackage(options.package), options.package];
  const shown = options.history ? records : policiesInForce(records, at);
  if (options.json) {
    const body = options.history
      ? { history: shown }
      : { at: new Date(at).toISOString(), inForce: shown };
    await writeStdout(`${JSON.stringify(body, null, 2)}\n`);
    return 0;
  }
  if (!shown.length) {
    await writeStdout(`no compliance policy recorded (${where})\n`);
    return 0;
  }
  const title = options.history
    ? `compliance policy history (${where})\n`
    : `compliance policies in force at ${new Date(at).toISOString()} (${where})\n`;
  await writeStdout(title + shown.map(policyLine).join(""));
  return 0;
}
