import { DAY_MS } from "../../config/duration.ts";

// FOCUS cell values as CSV text or Parquet types, read into what a cost row needs.
// Billing rows repeat the same few tag sets and accounts millions of times, so each
// distinct text is parsed once and remembered (in bounded caches).

export { DAY_MS };

/**
 * A copy of text that holds no reference to the string it was cut from: a CSV cell is a
 * slice of a megabyte chunk, and keeping the slice would keep the whole chunk alive.
 */
export function detach(text: string): string {
  return ` ${text}`.slice(1);
}

/**
 * A Map that forgets everything once it holds `limit` entries: memory stays bounded. Keys
 * are detached from the chunks they were cut from. Exports list a resource's or an
 * account's rows together, so the last answer is checked first: comparing two strings
 * is cheaper than hashing one.
 */
export class BoundedCache<V> {
  private readonly map = new Map<string, V>();
  private readonly limit: number;
  private lastKey: string | undefined;
  private lastValue: V | undefined;
  constructor(limit: number) {
    this.limit = limit;
  }
  get(key: string): V | undefined {
    if (key === this.lastKey) return this.lastValue;
    const value = this.map.get(key);
    if (value !== undefined) {
      this.lastKey = key;
      this.lastValue = value;
    }
    return value;
  }
  set(key: string, value: V): void {
    if (this.map.size >= this.limit) this.map.clear();
    this.map.set(detach(key), value);
    this.lastKey = key;
    this.lastValue = value;
  }
}

/** FOCUS CSV exports spell null as NULL (the sample data) or leave the cell empty. */
export function textOf(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === "string") return value === "" || value === "NULL" ? undefined : value;
  if (value instanceof Date) return value.toISOString();
  return String(value);
}

/** The UTC date of an instant, e.g. 2024-09-01. */
export const isoDay = (day: number) => new Date(day).toISOString().slice(0, 10);

export function startOfDay(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}

export type Tags = Record<string, string>;

/** Tag values as strings: FOCUS valueless tags carry `true`, which a selector writes "true". */
export function stringTags(value: Record<string, unknown>): Tags {
  const tags: Tags = {};
  for (const [key, v] of Object.entries(value))
    if (v !== null && v !== undefined) tags[key] = typeof v === "string" ? v : JSON.stringify(v);
  return tags;
}

export class TagsReader {
  private readonly cache = new BoundedCache<Tags | null>(50_000);

  /** The tag object, undefined for no tags, or null for a value that is no JSON object. */
  read(value: unknown): Tags | undefined | null {
    if (value === null || value === undefined) return undefined;
    if (typeof value === "object") return stringTags(value as Record<string, unknown>);
    const text = textOf(value);
    if (text === undefined) return undefined;
    const cached = this.cache.get(text);
    if (cached !== undefined) return cached;
    let tags: Tags | null = null;
    try {
      const parsed: unknown = JSON.parse(text);
      if (parsed !== null && typeof parsed === "object" && !Array.isArray(parsed))
        tags = stringTags(parsed as Record<string, unknown>);
    } catch {
      tags = null;
    }
    this.cache.set(text, tags);
    return tags;
  }
}
