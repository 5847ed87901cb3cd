// Response templates: GitHub's documented example payloads, so every field a real
// response has is present even when the model has no opinion about it. Repository
// names and the API origin inside the examples are swapped for the fake's, which keeps
// the many *_url fields pointing back at this server.
import { readdirSync, readFileSync } from "node:fs";
import { numericId } from "./util.ts";

const FIXTURES = new URL("../../fixtures/github/", import.meta.url);
const EXAMPLE_REPOS = [
  "octocat/Hello-World",
  "octocat/hello-world",
  "octo-org/octo-repo",
  "github/hello-world",
  "octocat/example",
  "owner/private-repo",
];
const REPO_MARK = "@@fake-repo@@";
const API_MARK = "@@fake-api@@";

export type Json = Record<string, unknown>;

/** Template text per fixture name (file name without .json), with markers in place. */
function loadTemplates(): Map<string, string> {
  const templates = new Map<string, string>();
  for (const file of readdirSync(FIXTURES)) {
    if (!file.endsWith(".json")) continue;
    const { example } = JSON.parse(readFileSync(new URL(file, FIXTURES), "utf8")) as {
      example: unknown;
    };
    let text = JSON.stringify(example);
    text = text.replaceAll("https://api.github.com", API_MARK);
    for (const repo of EXAMPLE_REPOS) text = text.replaceAll(repo, REPO_MARK);
    templates.set(file.slice(0, -".json".length), text);
  }
  return templates;
}

const raw = loadTemplates();

function substitute(text: string, apiBase: string, fullName: string): string {
  // The markers sit inside JSON strings, so the replacements must be JSON-escaped too.
  const api = JSON.stringify(apiBase).slice(1, -1);
  const repo = JSON.stringify(fullName).slice(1, -1);
  return text.replaceAll(API_MARK, api).replaceAll(REPO_MARK, repo);
}

/**
 * Fresh copies of example items for one repository. Substituted texts are cached per
 * repository because a list page parses the same template a hundred times.
 */
export class Templates {
  readonly apiBase: string;
  private readonly cache = new Map<string, string>();
  private readonly users = new Map<string, string>();

  constructor(apiBase: string) {
    this.apiBase = apiBase;
  }

  /** A deep copy of the fixture's example, or of its first item when it is a list. */
  item(name: string, fullName = "octocat/Hello-World"): Json {
    const key = `${name}\u0000${fullName}`;
    let text = this.cache.get(key);
    if (text === undefined) {
      const source = raw.get(name);
      if (source === undefined) throw new Error(`no GitHub fixture named ${name}`);
      const parsed = JSON.parse(source) as unknown;
      const first = Array.isArray(parsed) ? parsed[0] : parsed;
      text = substitute(JSON.stringify(first), this.apiBase, fullName);
      this.cache.set(key, text);
    }
    return JSON.parse(text) as Json;
  }

  /** An element of a list nested in a template, e.g. ("actions-runs", "workflow_runs"). */
  nested(name: string, key: string, fullName?: string): Json {
    const list = this.item(name, fullName)[key];
    if (!Array.isArray(list) || list.length === 0) throw new Error(`${name}.${key} is empty`);
    return list[0] as Json;
  }

  /** A user object in GitHub's shape with the login (and derived URLs) replaced. */
  user(login: string): Json {
    let text = this.users.get(login);
    if (text === undefined) {
      const user = rebrand(this.item("pull-reviews").user as Json, "octocat", login);
      user.id = numericId(`user:${login}`);
      user.node_id = `U_${Buffer.from(login).toString("base64url")}`;
      text = JSON.stringify(user);
      this.users.set(login, text);
    }
    return JSON.parse(text) as Json;
  }
}

/** Swaps one login for another in every string of a small object (user, owner). */
export function rebrand(value: Json, from: string, to: string): Json {
  const pattern = new RegExp(`/${from}(?=[/"{])`, "g");
  const text = JSON.stringify(value).replace(pattern, () => `/${to}`);
  const copy = JSON.parse(text) as Json;
  copy.login = to;
  return copy;
}

/** Sets a nested property on a template copy, e.g. set(pull, "base.ref", "main"). */
export function set(target: Json, path: string, value: unknown): void {
  const keys = path.split(".");
  let node: Json = target;
  for (const key of keys.slice(0, -1)) {
    const next = node[key];
    if (next === null || typeof next !== "object") node[key] = {};
    node = node[key] as Json;
  }
  node[keys[keys.length - 1] as string] = value;
}
