import { inForce } from "../config/policy-history.ts";
import { type EvidencePolicy, isPolicyRecord } from "../domain/evidence-record.ts";
import type { ChainEntry } from "./package.ts";
import { chainRecord } from "./package-shape.ts";
import { historyOf } from "./policy-records.ts";

// What `evidence policies` shows (METRICS.md decision 132): which controls were in force at
// an instant, per organisation and team, or every version in the order it was recorded,
// read from a store's ledger or offline from an evidence package's chain.

/** A policy version with where the ledger holds it; seq is absent while still pending. */
export type ListedPolicy = EvidencePolicy & { seq?: number };

/** The policy records of a package's chain, in seq order (malformed entries are skipped). */
export function chainPolicies(chain: readonly unknown[]): ListedPolicy[] {
  return chain.flatMap((text) => {
    const entry: ChainEntry | string = chainRecord(text);
    if (typeof entry === "string" || !isPolicyRecord(entry.record)) return [];
    return [{ ...entry.record.policy, seq: entry.record.seq }];
  });
}

/** Each scope's version in force at `at`, organisation first, then teams by name. */
export function policiesInForce(records: readonly ListedPolicy[], at: number): ListedPolicy[] {
  const scopes = [...new Set(records.map((r) => r.scope))].sort((a, b) =>
    a === "organisation" ? -1 : b === "organisation" ? 1 : a < b ? -1 : 1,
  );
  return scopes.map((scope) => {
    const own = records.filter((r) => r.scope === scope);
    const version = inForce(historyOf(own), at);
    return own.findLast((r) => r.digest === version.digest) as ListedPolicy;
  });
}

/** Controls on one line: `required_checks=[sast, trivy] change_approval=1`, or `none`. */
export function controlsText(controls: Record<string, unknown>): string {
  const parts = Object.entries(controls).map(
    ([name, value]) => `${name}=${Array.isArray(value) ? `[${value.join(", ")}]` : String(value)}`,
  );
  return parts.length ? parts.join(" ") : "none";
}

export function policyLine(p: ListedPolicy): string {
  const where = p.seq === undefined ? "pending: not yet recorded" : `ledger record ${p.seq}`;
  const from = p.effectiveFrom ?? "the beginning";
  return `${p.scope}: ${controlsText(p.controls)}\n  in force from ${from}, first seen ${p.firstSeen}${p.rejudges ? ", re-judges" : ""} (${where}; policy ${p.digest})\n  ${p.reason}\n`;
}
