import type { CheckResult } from "../domain/records.ts";

// The order the store loads records in: by identity, text compared byte by byte (COLLATE
// "C"). The engine sums amounts in input order, so a working set kept in memory must hand
// records over in exactly this order for its numbers to equal a fresh load's to the bit.

/** UTF-8 byte order, which is code point order; `<` alone compares UTF-16 code units. */
export function compareCodePoints(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return rank(x) - rank(y);
  }
  return a.length - b.length;
}

// Surrogates encode code points above U+FFFF, so they sort after U+E000–U+FFFF.
function rank(unit: number): number {
  if (unit >= 0xd800 && unit <= 0xdfff) return unit + 0x2000;
  return unit >= 0xe000 ? unit - 0x800 : unit;
}

export const byId = (a: { id: string }, b: { id: string }): number => compareCodePoints(a.id, b.id);

/** Checks are keyed by commit, name, completion instant and service ('' when absent). */
export function byCheckIdentity(a: CheckResult, b: CheckResult): number {
  return (
    compareCodePoints(a.commitSha, b.commitSha) ||
    compareCodePoints(a.name, b.name) ||
    a.completedAt - b.completedAt ||
    compareCodePoints(a.service ?? "", b.service ?? "")
  );
}
