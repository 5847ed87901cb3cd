import type { Store, UpsertCounts } from "../../store/store.ts";
import type { CursorWrite } from "../../store/sync-state.ts";
import type { DailyCosts } from "./daily-costs.ts";
import {
  monthOf,
  type RestatementState,
  readRestatementState,
  restate,
  restatementCursorKey,
} from "./restate.ts";
import { isoDay } from "./values.ts";

// Stores the day groups of one origin (a FOCUS file name, OpenCost) in one transaction
// with what the origin now restates, so a failure leaves the store as it was and a
// re-read finds the state its rows were written with.

/** A group's restatement unit: a key starting with its ISO day (YYYY-MM-DD). */
export type UnitOf = (group: { scope: string; day: number }) => string;

/** FOCUS restates per day and billing account: a file speaks only for what it holds. */
export const dayAndAccount: UnitOf = (group) => `${isoDay(group.day)} ${group.scope}`;

/** OpenCost answers for a whole day at a time. */
export const wholeDay: UnitOf = (group) => isoDay(group.day);

export function coveredUnits(costs: DailyCosts, unitOf: UnitOf): Set<string> {
  return new Set([...costs.groups()].map(unitOf));
}

export class CostWriter {
  private readonly store: Store;
  private readonly source: string;
  private readonly cursors: Map<string, unknown>;

  private constructor(store: Store, source: string, cursors: Map<string, unknown>) {
    this.store = store;
    this.source = source;
    this.cursors = cursors;
  }

  /** Reads the source's cursors once; later writes keep this copy current. */
  static async open(store: Store, source: string): Promise<CostWriter> {
    return new CostWriter(store, source, await store.cursors(source));
  }

  cursor(key: string): unknown {
    return this.cursors.get(key);
  }

  /**
   * Writes the groups, restating the units in `covered`, plus any other cursors of the
   * source (a file's fingerprint) in the same transaction.
   */
  async write(
    origin: string,
    costs: DailyCosts,
    unitOf: UnitOf,
    covered: ReadonlySet<string>,
    extra: readonly CursorWrite[] = [],
  ): Promise<UpsertCounts> {
    const months = [...new Set([...covered].map(monthOf))];
    const previous: RestatementState = {};
    for (const month of months)
      Object.assign(
        previous,
        readRestatementState(this.cursor(restatementCursorKey(origin, month))),
      );
    const { rows, state } = restate(origin, costs.groups(), unitOf, covered, previous);
    const byMonth = new Map<string, RestatementState>(months.map((m) => [m, {}]));
    for (const [unit, groups] of Object.entries(state)) {
      const month = byMonth.get(monthOf(unit));
      if (month) month[unit] = groups;
    }
    const cursors: CursorWrite[] = [
      ...[...byMonth].map(([month, value]) => ({
        source: this.source,
        key: restatementCursorKey(origin, month),
        value,
      })),
      ...extra,
    ];
    const counts = await this.store.upsert({ costs: rows }, { cursors });
    for (const cursor of cursors) this.cursors.set(cursor.key, cursor.value);
    return counts.cost;
  }
}
