import { afterEach } from "vitest";
import type { RecordSet } from "../../src/domain/records.ts";
import type { Store } from "../../src/store/store.ts";
import { AS_OF, ms } from "../engine/helpers.ts";
import { config, scenario } from "../explain/scenario.ts";

// The explain scenario's six production deployments (checkout d1–d5, billing d6; see
// scenario.ts) on a real store, split the way the reported run left them: d1–d4 written
// and recorded, d5 and d6 written later without evidence.

export type OpenStore = () => Promise<Store>;

export const ENGINE = config();
export const ASOF = ms(AS_OF);
export const RECORDED = ms("2026-07-01T00:00:00Z");
const LATE = new Set(["d5", "d6"]);

/** The scenario without d5 and d6, and those two alone. */
export function split(): { early: RecordSet; late: Partial<RecordSet> } {
  const all = scenario();
  return {
    early: { ...all, deployments: all.deployments.filter((d) => !LATE.has(d.id)) },
    late: { deployments: all.deployments.filter((d) => LATE.has(d.id)) },
  };
}

/** Opens stores for a test file and closes them after each test. */
export function storesOf(open: OpenStore): () => Promise<Store> {
  const opened: Store[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()));
  });
  return async () => {
    const store = await open();
    opened.push(store);
    return store;
  };
}

/** The store with its ledger's append (and, optionally, its reads) failing on demand. */
export function flaky(store: Store) {
  const fail = { append: false, rows: false };
  const refuse = (what: string) => Promise.reject(new Error(`${what}: connection refused`));
  const wrapped: Store = {
    ...store,
    evidence: {
      append: (candidates, context) =>
        fail.append ? refuse("append") : store.evidence.append(candidates, context),
      rows: () => (fail.rows ? refuse("rows") : store.evidence.rows()),
      head: () => store.evidence.head(),
      appendPolicies: (reconcile, recordedAt) =>
        store.evidence.appendPolicies(reconcile, recordedAt),
      policies: () => store.evidence.policies(),
      policiesIn: (after, through) => store.evidence.policiesIn(after, through),
    },
  };
  return { store: wrapped, fail };
}
