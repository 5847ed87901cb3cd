// Shared vocabulary of the synthetic organisation: time units, the people, and a
// GitHub-style timestamp (whole seconds, no milliseconds).
export { type Random, randomStream } from "../../../../src/demo/random.ts";

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** The period every generated timestamp falls in, epoch milliseconds. */
export interface Window {
  start: number;
  end: number;
}

/** Ids unique across the organisation, like GitHub's. */
export interface IdCounters {
  deployment: number;
  run: number;
  job: number;
  check: number;
}

export const PEOPLE: readonly string[] = Array.from({ length: 60 }, (_, i) => `dev-${i + 1}`);

export const iso = (ms: number): string =>
  new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(".000Z", "Z");

/** Part `index` of `count` of a total, remainders spread so the parts sum exactly. */
export const share = (total: number, index: number, count: number): number =>
  Math.floor((total * (index + 1)) / count) - Math.floor((total * index) / count);
