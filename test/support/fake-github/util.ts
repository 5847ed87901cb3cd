// Small shared pieces: stable ids, errors that become GitHub-style responses, ordering.
import { createHash } from "node:crypto";

export const DOCS = "https://docs.github.com/rest";

/** Thrown by handlers; the server turns it into `{message, documentation_url}`. */
export class HttpError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

export const notFound = (): HttpError => new HttpError(404, "Not Found");

export function sha1(text: string): string {
  return createHash("sha1").update(text).digest("hex");
}

/**
 * A stable positive id below 2^31 derived from a key. Models may leave ids out; a hash
 * keeps them stable when tests insert records, and 31 bits keep them valid GraphQL Ints.
 */
export function numericId(key: string): number {
  return Number.parseInt(sha1(key).slice(0, 8), 16) >>> 1;
}

export const base64url = (text: string): string => Buffer.from(text).toString("base64url");
export const unbase64url = (text: string): string =>
  Buffer.from(text, "base64url").toString("utf8");

export const time = (iso: string | undefined): number =>
  iso === undefined ? Number.NaN : Date.parse(iso);

export type Direction = "asc" | "desc";

/**
 * Sorts a copy by a timestamp, ties broken by position in the model (later = newer),
 * which is how records appended by tests behave on GitHub.
 */
export function byTime<T>(items: readonly T[], at: (item: T) => string, direction: Direction): T[] {
  const keyed = items.map((item, index) => ({ item, index, at: time(at(item)) }));
  const sign = direction === "asc" ? 1 : -1;
  keyed.sort((a, b) => sign * (a.at - b.at || a.index - b.index));
  return keyed.map((entry) => entry.item);
}

export function direction(value: string | null, fallback: Direction): Direction {
  if (value === null || value === "") return fallback;
  if (value === "asc" || value === "desc") return value;
  throw new HttpError(422, `Invalid value for direction: ${value}`);
}

/** GitHub list filters such as `state=open,fixed`: comma-separated, any may match. */
export function anyOf(value: string | null): ((candidate: string | undefined) => boolean) | null {
  if (value === null || value === "") return null;
  const wanted = new Set(value.split(",").map((part) => part.trim().toLowerCase()));
  return (candidate) => candidate !== undefined && wanted.has(candidate.toLowerCase());
}

/** Headline of a commit message, as GitHub's messageHeadline. */
export const headline = (message: string): string => message.split("\n", 1)[0] ?? "";
