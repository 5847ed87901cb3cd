import type { ReferenceSources } from "./candidate.ts";

// Explicit references an incident carries to what caused it (docs/decisions/sources.md).
// Custom fields and `key:value` tags are read by their key; free text (title,
// then descriptions, then every field value) only by shapes that cannot be mistaken
// for prose: pull-request, commit and Actions-run URLs, owner/repo#N, and a SHA right
// after the word commit, sha or revision. The first reference of each kind wins.

/** A reference local to a repository, completed with the catalogue's spelling later. */
export interface RepoRef {
  repository: string;
  /** `#12` for a pull request, `/actions/runs/7` for a workflow run. */
  suffix: string;
}

export type IdRef = { id: string } | RepoRef;

export interface References {
  deployment?: IdRef;
  commitSha?: string;
  change?: IdRef;
}

type Kind = "deployment" | "commit" | "change";

const KEYS: Record<string, Kind> = {
  deployment: "deployment",
  deploymentid: "deployment",
  deploy: "deployment",
  deployid: "deployment",
  commit: "commit",
  commitsha: "commit",
  sha: "commit",
  gitsha: "commit",
  gitcommit: "commit",
  revision: "commit",
  change: "change",
  changeid: "change",
  pr: "change",
  pullrequest: "change",
};

const REPO = String.raw`([\w.-]+)/([\w.-]+)`;
const PULL_URL = new RegExp(String.raw`https?://[^\s/]+/${REPO}/pull/(\d+)`, "i");
const RUN_URL = new RegExp(String.raw`https?://[^\s/]+/${REPO}/actions/runs/(\d+)`, "i");
const COMMIT_URL = new RegExp(String.raw`https?://[^\s/]+/${REPO}/commit/([0-9a-f]{7,40})\b`, "i");
const REPO_NUMBER = new RegExp(String.raw`(?<![\w/.-])${REPO}#(\d+)\b`);
const BARE_NUMBER = /(?<![\w/])#(\d+)\b/;
const SHA_AFTER_WORD = /\b(?:commit|sha|revision)\b[\s:=#]*([0-9a-f]{7,40})\b/i;
const DEPLOYMENT_PAIR = /\bdeployment(?:[_ -]?id)?\s*[:=]\s*([^\s,;]+)/i;
const HEX = /^[0-9a-f]{7,40}$/i;

const kindOf = (key: string): Kind | undefined => KEYS[key.toLowerCase().replace(/[^a-z]/g, "")];
const repoRef = (m: RegExpExecArray, suffix: string): RepoRef => ({
  repository: `${m[1]}/${m[2]}`,
  suffix,
});

/** What one text says, by shape only. `home` resolves a bare #N (GitHub issues). */
function fromText(text: string, home?: string): References {
  const found: References = {};
  const pull = PULL_URL.exec(text) ?? REPO_NUMBER.exec(text);
  if (pull) found.change = repoRef(pull, `#${pull[3]}`);
  else {
    const bare = home === undefined ? null : BARE_NUMBER.exec(text);
    if (bare) found.change = { repository: home as string, suffix: `#${bare[1]}` };
  }
  const sha = COMMIT_URL.exec(text)?.[3] ?? SHA_AFTER_WORD.exec(text)?.[1];
  if (sha) found.commitSha = sha.toLowerCase();
  const run = RUN_URL.exec(text);
  const pair = DEPLOYMENT_PAIR.exec(text)?.[1];
  if (run) found.deployment = repoRef(run, `/actions/runs/${run[3]}`);
  else if (pair) found.deployment = { id: pair };
  return found;
}

/** A value under a known key: the whole value is the reference when no shape says more. */
function fromValue(kind: Kind, value: string, home?: string): References {
  const text = value.trim();
  const shaped = fromText(text, home);
  if (kind === "commit") {
    const sha = HEX.test(text) ? text.toLowerCase() : shaped.commitSha;
    return sha ? { commitSha: sha } : {};
  }
  const ref = kind === "change" ? shaped.change : shaped.deployment;
  const whole = text !== "" && !/\s/.test(text) ? { id: text } : undefined;
  const chosen = ref ?? whole;
  if (!chosen) return {};
  return kind === "change" ? { change: chosen } : { deployment: chosen };
}

function keyed(key: string, value: string, home?: string): References {
  const kind = kindOf(key);
  return kind ? fromValue(kind, value, home) : {};
}

export function extractReferences(sources: ReferenceSources, home?: string): References {
  const passes: References[] = [];
  for (const [key, value] of Object.entries(sources.fields)) passes.push(keyed(key, value, home));
  for (const tag of sources.tags) {
    const m = /^([^:=]+)[:=](.+)$/.exec(tag);
    if (m) passes.push(keyed(m[1] as string, m[2] as string, home));
  }
  for (const text of [...sources.texts, ...Object.values(sources.fields)])
    passes.push(fromText(text, home));
  const result: References = {};
  for (const found of passes) {
    result.deployment ??= found.deployment;
    result.commitSha ??= found.commitSha;
    result.change ??= found.change;
  }
  return Object.fromEntries(Object.entries(result).filter(([, v]) => v !== undefined));
}
