// The two index shapes the working set is made of. Each keeps its records sorted in
// identity order, updated in place by binary search when a write brings few new records
// and re-sorted only when it brings many, so a delta costs what it touches.

/** New records past which one sort beats inserting them one by one. */
const INSERTS_BEFORE_RESORT = 256;

class SortedList<R> {
  #items: R[] = [];
  #pending: R[] = [];
  readonly #order: (a: R, b: R) => number;

  constructor(order: (a: R, b: R) => number) {
    this.#order = order;
  }

  add(record: R): void {
    this.#pending.push(record);
  }

  /** Replaces an element with the same identity in place; false when it is not there. */
  replace(old: R, record: R): boolean {
    const at = this.#find(old);
    if (at < 0) return false;
    this.#items[at] = record;
    return true;
  }

  remove(old: R): void {
    const at = this.#find(old);
    if (at >= 0) this.#items.splice(at, 1);
  }

  /**
   * The records in order. Of records equal in order (one identity), the last added stays:
   * an index that keeps no map by key stores a newer record just by adding it.
   */
  items(): R[] {
    if (this.#pending.length > INSERTS_BEFORE_RESORT) {
      // concat, not push(...): a spread of a million arguments overflows the stack. The
      // sort is stable, so of equal records the last added comes last.
      this.#items = this.#items.concat(this.#pending).sort(this.#order);
      this.#pending = [];
      this.#keepLastOfEqual();
    }
    for (const record of this.#pending) {
      const at = this.#lowerBound(record);
      const equal = at < this.#items.length && this.#order(this.#items[at] as R, record) === 0;
      if (equal) this.#items[at] = record;
      else this.#items.splice(at, 0, record);
    }
    this.#pending = [];
    return this.#items;
  }

  #keepLastOfEqual(): void {
    const items = this.#items;
    let kept = 0;
    for (let i = 0; i < items.length; i++) {
      const next = items[i + 1];
      if (next !== undefined && this.#order(items[i] as R, next) === 0) continue;
      items[kept++] = items[i] as R;
    }
    items.length = kept;
  }

  #lowerBound(record: R): number {
    let low = 0;
    let high = this.#items.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.#order(this.#items[mid] as R, record) < 0) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  #find(record: R): number {
    this.items();
    const at = this.#lowerBound(record);
    return at < this.#items.length && this.#order(this.#items[at] as R, record) === 0 ? at : -1;
  }
}

/**
 * One record kind by identity, optionally grouped (by service, by commit). A kind never
 * looked up by key keeps no map by key: a record replaces the one of its identity when the
 * sorted lists next settle, so a million cost rows or checks load without a million-entry
 * map. Its group must then follow from its identity (a check's commit does). A grouped kind
 * keeps only its groups: the whole kind in order is rarely asked for, and sorting a million
 * checks a second time on every full recompute cost a second of CPU.
 */
export class KindIndex<R> {
  readonly #byKey: Map<string, R> | undefined;
  /** The whole kind, when it is not grouped. */
  readonly #all: SortedList<R> | undefined;
  readonly #groups = new Map<string, SortedList<R>>();
  readonly #key: ((record: R) => string) | undefined;
  readonly #order: (a: R, b: R) => number;
  readonly #group: ((record: R) => string) | undefined;
  #version = 0;
  /** A grouped kind's records in order, as of #mergedAt. */
  #merged: R[] = [];
  #mergedAt = -1;

  constructor(
    key: ((r: R) => string) | undefined,
    order: (a: R, b: R) => number,
    group?: (r: R) => string,
  ) {
    this.#key = key;
    this.#byKey = key && new Map();
    this.#order = order;
    this.#group = group;
    this.#all = group ? undefined : new SortedList(order);
  }

  /**
   * Stores the record in place of the one with its identity; returns that one, when the
   * kind is keyed (an unkeyed kind returns undefined).
   */
  put(record: R): R | undefined {
    this.#version++;
    const old = this.#remember(record);
    if (this.#group === undefined) {
      const all = this.#all as SortedList<R>;
      if (old === undefined || !all.replace(old, record)) all.add(record);
      return old;
    }
    const group = this.#group(record);
    if (old !== undefined) {
      const oldGroup = this.#group(old);
      if (oldGroup === group && this.#list(group).replace(old, record)) return old;
      this.#list(oldGroup).remove(old);
    }
    this.#list(group).add(record);
    return old;
  }

  /** The record this one replaces, by key; undefined for a new one or an unkeyed kind. */
  #remember(record: R): R | undefined {
    if (this.#key === undefined || this.#byKey === undefined) return undefined;
    const key = this.#key(record);
    const old = this.#byKey.get(key);
    this.#byKey.set(key, record);
    return old;
  }

  #list(group: string): SortedList<R> {
    const known = this.#groups.get(group);
    if (known) return known;
    const list = new SortedList(this.#order);
    this.#groups.set(group, list);
    return list;
  }

  get(key: string): R | undefined {
    if (this.#byKey === undefined) throw new Error("this kind is not looked up by key");
    return this.#byKey.get(key);
  }

  /** Grows with every put: what was computed from the kind at one version still holds. */
  get version(): number {
    return this.#version;
  }

  get size(): number {
    if (this.#byKey) return this.#byKey.size;
    if (this.#all) return this.#all.items().length;
    let n = 0;
    for (const list of this.#groups.values()) n += list.items().length;
    return n;
  }

  /** Every record in identity order. The array is shared: never change it. */
  all(): R[] {
    if (this.#all) return this.#all.items();
    if (this.#mergedAt !== this.#version) {
      const merged: R[] = [];
      for (const list of this.#groups.values()) for (const r of list.items()) merged.push(r);
      // Identities are unique across groups (a group follows from identity), so the order
      // is total and the result is the one a single sorted list would hold.
      this.#merged = merged.sort(this.#order);
      this.#mergedAt = this.#version;
    }
    return this.#merged;
  }

  /** One group's records in identity order (empty when none). Shared: never change it. */
  group(name: string): R[] {
    return this.#groups.get(name)?.items() ?? [];
  }

  groups(): IterableIterator<string> {
    return this.#groups.keys();
  }
}

/**
 * Key → services, only ever added to. A stale entry costs one needless re-analysis of a
 * service, never a wrong number, and keeps updates free of reference counting.
 */
export class MultiIndex {
  /** One service as itself, more as a set: most keys (commits, items) name one service. */
  readonly #map = new Map<string, string | Set<string>>();

  add(key: string, service: string): void {
    const known = this.#map.get(key);
    if (known === undefined) this.#map.set(key, service);
    else if (typeof known === "string") {
      if (known !== service) this.#map.set(key, new Set([known, service]));
    } else known.add(service);
  }

  addTo(key: string, target: Set<string>): void {
    const known = this.#map.get(key);
    if (known === undefined) return;
    if (typeof known === "string") target.add(known);
    else for (const service of known) target.add(service);
  }
}
