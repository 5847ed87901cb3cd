import type { Change } from "../../domain/records.ts";

// How an experiment names the change it measured: a pull request (URL, owner/repo#N, or
// #N), a commit SHA, or `change:` and a change id as stored. The engine joins experiment results to
// changes by id, so every reference is turned into the id of one stored change.

export type ChangeRef =
  | { kind: "pull"; repository?: string; number: number; url?: string }
  | { kind: "commit"; sha: string }
  | { kind: "change"; id: string };

export type Resolution = { changeId: string } | { problem: string };

const PULL_URL = /^https?:\/\/[^/\s]+\/([^/\s]+\/[^/\s]+)\/pull\/(\d+)\/?$/i;
const QUALIFIED = /^([\w.-]+\/[\w.-]+)#(\d+)$/;
const NUMBER = /^#?(\d+)$/;
const SHA = /^[0-9a-f]{7,40}$/i;
/** Pull request URLs and owner/repo#N inside free text (an experiment's description). */
const IN_TEXT = /https?:\/\/[^/\s]+\/[^/\s]+\/[^/\s]+\/pull\/\d+|\b[\w.-]+\/[\w.-]+#\d+\b/gi;

/** `change:<id>` takes the id as written, whatever it looks like. */
export function parseRef(text: string): ChangeRef {
  const ref = text.trim();
  if (/^change:/i.test(ref)) return { kind: "change", id: ref.slice("change:".length).trim() };
  const url = PULL_URL.exec(ref);
  if (url) return { kind: "pull", repository: url[1], number: Number(url[2]), url: ref };
  const qualified = QUALIFIED.exec(ref);
  if (qualified) return { kind: "pull", repository: qualified[1], number: Number(qualified[2]) };
  const number = NUMBER.exec(ref);
  if (number) return { kind: "pull", number: Number(number[1]) };
  if (SHA.test(ref)) return { kind: "commit", sha: ref.toLowerCase() };
  return { kind: "change", id: ref };
}

export function refsInText(text: string): string[] {
  return [...new Set(text.match(IN_TEXT) ?? [])];
}

/** The stored changes and the catalogue's repositories, looked up by lower-cased name. */
export interface ChangeIndex {
  changes: readonly Change[];
  /** lower-cased owner/name → the catalogue's spelling */
  repositories: ReadonlyMap<string, string>;
}

function unique(matches: readonly Change[], what: string): Resolution | undefined {
  const ids = [...new Set(matches.map((c) => c.id))];
  if (ids.length === 1) return { changeId: ids[0] as string };
  if (ids.length > 1)
    return { problem: `${what} matches ${ids.length} changes (${ids.join(", ")})` };
  return undefined;
}

function pull(ref: Extract<ChangeRef, { kind: "pull" }>, index: ChangeIndex): Resolution {
  const url = ref.url?.toLowerCase().replace(/\/$/, "");
  const suffix = `#${ref.number}`;
  const repo = ref.repository?.toLowerCase();
  const matches = index.changes.filter((c) => {
    // A change a monorepo counts for several services carries "@service" after its id.
    const id = c.id.toLowerCase().replace(/@[^#]*$/, "");
    const sameId = repo ? id === `${repo}${suffix}` : id.endsWith(suffix);
    return sameId || (url !== undefined && c.url?.toLowerCase().replace(/\/$/, "") === url);
  });
  const what = repo ? `pull request ${ref.repository}${suffix}` : `pull request ${suffix}`;
  const found = unique(matches, what);
  if (found) return found;
  // Not stored yet: a qualified pull request still has a known id; the change may come later.
  if (ref.repository)
    return { changeId: `${index.repositories.get(repo as string) ?? ref.repository}${suffix}` };
  return { problem: `no stored change is ${what}; name its repository (owner/repo#N)` };
}

function commit(sha: string, index: ChangeIndex): Resolution {
  const matches = index.changes.filter(
    (c) =>
      c.mergeCommitSha?.startsWith(sha) ||
      c.commits.some((k) => k.sha.startsWith(sha)) ||
      c.id.toLowerCase().split("@")[1]?.startsWith(sha),
  );
  return unique(matches, `commit ${sha}`) ?? { problem: `no stored change contains commit ${sha}` };
}

export function resolveRef(ref: ChangeRef, index: ChangeIndex): Resolution {
  if (ref.kind === "pull") return pull(ref, index);
  if (ref.kind === "commit") return commit(ref.sha, index);
  return { changeId: ref.id };
}

/** Resolves every reference; they must all name the same change. */
export function resolveAll(refs: readonly string[], index: ChangeIndex): Resolution {
  const ids = new Set<string>();
  for (const text of refs) {
    const resolved = resolveRef(parseRef(text), index);
    if ("problem" in resolved) return resolved;
    ids.add(resolved.changeId);
  }
  if (ids.size === 1) return { changeId: [...ids][0] as string };
  if (ids.size === 0) return { problem: "no change reference" };
  return { problem: `references ${ids.size} different changes (${[...ids].join(", ")})` };
}

export function repositoryIndex(
  teams: readonly { services: readonly { repositories?: string[] }[] }[],
) {
  const map = new Map<string, string>();
  for (const team of teams)
    for (const service of team.services)
      for (const repository of service.repositories ?? [])
        map.set(repository.toLowerCase(), repository);
  return map;
}
