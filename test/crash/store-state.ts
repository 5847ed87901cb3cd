import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";
import type { RecordSet } from "../../src/domain/records.ts";
import { LOCK_FILE } from "../../src/store/data-dir-lock.ts";
import type { CrashStore } from "./backends.ts";
import { runKpi } from "./crash-process.ts";

// What "converged" means after the kills: `metrics` at the fixed --as-of prints the same
// bytes as the reference store's, every record kind holds the same rows (no record lost,
// none doubled), the evidence ledger's latest record of every deployment is the
// reference's, and `evidence verify` exits 0. Read once every process on the store is gone.

export interface StoreState {
  metrics: string;
  /** Rows per record kind, and a digest of each kind's rows as load() returns them. */
  rows: Record<string, { count: number; sha256: string }>;
  /** Facts digest of each deployment's records, oldest first. */
  ledger: Map<string, string[]>;
  /** Identity of every stored record (see keyOf). */
  keys: Set<string>;
}

/** A record's identity, as the store keys it: ids, or a check's commit, name, time, service. */
export function keyOf(kind: string, r: Record<string, unknown>): string {
  if (kind !== "check") return `${kind} ${r.id}`;
  const at = typeof r.completedAt === "string" ? Date.parse(r.completedAt) : r.completedAt;
  return `check ${r.commitSha} ${r.name} ${at} ${r.service ?? ""}`;
}

const KINDS = {
  deployments: "deployment",
  changes: "change",
  incidents: "incident",
  checks: "check",
  vulnerabilities: "vulnerability",
  costs: "cost",
  experiments: "experiment",
} as const;

/** Rows, ledger and record identities, read in the test process. */
async function readStore(store: CrashStore): Promise<Omit<StoreState, "metrics">> {
  const opened = await store.open();
  try {
    const records: RecordSet = await opened.load();
    const rows: StoreState["rows"] = {};
    const keys = new Set<string>();
    for (const [field, kind] of Object.entries(KINDS)) {
      const list = records[field as keyof typeof KINDS] as unknown as Record<string, unknown>[];
      const sha256 = createHash("sha256").update(JSON.stringify(list)).digest("hex");
      rows[kind] = { count: list.length, sha256 };
      for (const record of list) keys.add(keyOf(kind, record));
    }
    const ledger = new Map<string, string[]>();
    for (const row of await opened.evidence.rows())
      ledger.set(row.deploymentId, [...(ledger.get(row.deploymentId) ?? []), row.factsDigest]);
    return { rows, ledger, keys };
  } finally {
    await opened.close();
  }
}

export const storedKeys = async (store: CrashStore) => (await readStore(store)).keys;

export async function stateOf(store: CrashStore, common: string[]): Promise<StoreState> {
  const metrics = await runKpi(["metrics", ...common, ...store.args], store.env);
  expect(metrics.code, metrics.stderr).toBe(0);
  return { metrics: metrics.stdout, ...(await readStore(store)) };
}

/** The first lines where two expositions differ, instead of a diff of 200 kB. */
function differingLines(actual: string, expected: string): string[] {
  const [a, b] = [actual.split("\n"), expected.split("\n")];
  const out: string[] = [];
  for (let i = 0; i < Math.max(a.length, b.length) && out.length < 10; i++)
    if (a[i] !== b[i]) out.push(`line ${i + 1}: got ${a[i]} / want ${b[i]}`);
  return out;
}

const latest = (ledger: Map<string, string[]>) =>
  Object.fromEntries([...ledger].map(([id, digests]) => [id, digests.at(-1)]).sort());

/**
 * `exactLedger`: one record per deployment, the reference's (a one-shot command appends
 * once, at its end); otherwise corrections of facts seen half-written are allowed, but
 * never two records in a row with the same facts, and the latest must be the reference's.
 */
export function expectConverged(
  got: StoreState,
  want: StoreState,
  options: { exactLedger: boolean },
): void {
  expect(got.rows, "rows per record kind").toEqual(want.rows);
  expect(differingLines(got.metrics, want.metrics), "metrics at the fixed --as-of").toEqual([]);
  if (options.exactLedger) expect([...got.ledger].sort()).toEqual([...want.ledger].sort());
  const repeated = [...got.ledger].filter(([, d]) => d.some((digest, i) => digest === d[i - 1]));
  expect(repeated, "deployments with a duplicated ledger record").toEqual([]);
  expect(latest(got.ledger), "latest ledger record per deployment").toEqual(latest(want.ledger));
}

export async function expectLedgerVerifies(store: CrashStore, common: string[]): Promise<void> {
  const verify = await runKpi(["evidence", "verify", ...common, ...store.args], store.env);
  expect(verify.code, verify.stdout + verify.stderr).toBe(0);
  expect(verify.stdout).toContain("evidence ledger intact:");
}

/** Whether a kill left the PGlite lock naming the killed process, for the next one to take over. */
export function leftStaleLock(store: CrashStore, pid: number): boolean {
  if (store.dataDir === undefined) return false;
  try {
    return JSON.parse(readFileSync(join(store.dataDir, LOCK_FILE), "utf8")).pid === pid;
  } catch {
    return false;
  }
}
